package io.ibasho.notification;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One e-mail to send for one inbox message: the outbox row the e-mail sender works through. */
@Entity
@Table(name = "email_delivery")
public class EmailDelivery extends QueuedDelivery {
    public String channel;
}
