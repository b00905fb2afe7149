package io.ibasho.childcarebooking.capacity;

/**
 * An inclusive range of ages in whole years that share one carer-to-child ratio, e.g. 1-2.
 */
public record AgeBand(int youngest, int oldest) {

    public AgeBand {
        if (youngest < ChildAge.YOUNGEST || oldest > ChildAge.OLDEST || youngest > oldest) {
            throw new IllegalArgumentException("an age band must satisfy " + ChildAge.YOUNGEST
                    + " <= youngest <= oldest <= " + ChildAge.OLDEST + ", was " + youngest + "-" + oldest);
        }
    }

    public static AgeBand of(int youngest, int oldest) {
        return new AgeBand(youngest, oldest);
    }

    public static AgeBand single(int age) {
        return new AgeBand(age, age);
    }

    public boolean contains(ChildAge age) {
        return age.years() >= youngest && age.years() <= oldest;
    }

    /** "0", "1-2", "4-17": what organisers see in the staff view and configuration. */
    public String label() {
        return youngest == oldest ? Integer.toString(youngest) : youngest + "-" + oldest;
    }

    @Override
    public String toString() {
        return label();
    }
}
