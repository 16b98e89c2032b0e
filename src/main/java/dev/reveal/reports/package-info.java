/** Read-only reports for analysts: experiment variants compared with control, analytics counts and funnels. */
package dev.reveal.reports;
