-- Spring Modulith's event publication registry (the JDBC store of spring-modulith 2.0, its PostgreSQL schema v2 as
-- shipped in spring-modulith-events-jdbc 2.0.3): one row per after-commit reaction (@ApplicationModuleListener) of
-- each published fact, written in the publishing transaction and completed when the reaction has run, so a reaction
-- that fails or is cut off by a restart is retried instead of lost. Modulith's own schema initialization is off;
-- the column names, types and indexes must stay what its repository expects.
CREATE TABLE event_publication
(
    id                     UUID NOT NULL,
    listener_id            TEXT NOT NULL,
    event_type             TEXT NOT NULL,
    serialized_event       TEXT NOT NULL,
    publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
    completion_date        TIMESTAMP WITH TIME ZONE,
    status                 TEXT,
    completion_attempts    INT,
    last_resubmission_date TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (id)
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
