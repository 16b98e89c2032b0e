/** The append-only audit trail of every operator and system action. */
package dev.reveal.audit;
