package dev.junction.gateway.fuzz;

/** What a fuzz case's answer must be, beyond the invariants every answer keeps. */
enum Expect {
    /** A valid request: 2xx. */
    ACCEPT,
    /** Input the gateway must refuse: 4xx (or no answer at all where {@link FuzzCase#mayGoUnanswered}). */
    REJECT,
    /** Anything but a 5xx. */
    ANY
}
