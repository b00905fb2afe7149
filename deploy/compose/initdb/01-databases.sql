-- One database per service (ADR 0004). Runs once, when the volume is empty.
create database event;
create database registration;
create database childcare_booking;
create database notification;
