package io.ibasho.childcarebooking.service;

import java.util.List;

/** The mother's own notes, as she saved them: shown only to her. */
public record CareNotesView(List<ChildNotesView> children) {
    public record ChildNotesView(int position, int ageYears, String childNickname, String careNotes) {}
}
