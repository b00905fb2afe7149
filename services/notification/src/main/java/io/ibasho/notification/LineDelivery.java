package io.ibasho.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One LINE push for one inbox message; its id is the X-Line-Retry-Key of every attempt. */
@Entity
@Table(name = "line_delivery")
public class LineDelivery extends QueuedDelivery {
    @Column(name = "last_status_code")
    public Integer lastStatusCode;
}
