package io.lvsdirector.model;

/** How a real server's health is probed; each type but NONE has its own sub-object in {@link HealthCheck}. */
public enum CheckType {
    TCP, HTTP, HTTPS, UDP, DNS, EXEC, NONE
}
