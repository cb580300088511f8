package io.lvsdirector.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Lints helm-chart/ and renders it with helm-java (helm as a native library, no cluster), then checks
 * the rendered manifests.
 */
class HelmChartTest {

    static final Path CHART = Path.of("helm-chart");
    static final String RELEASE = "rel";
    static final String FULLNAME = "rel-lvs-director";

    @TempDir
    Path tmp;

    // --- lint ---

    @Test
    void lintsCleanWithTheDefaultValuesAndAToken() throws IOException {
        // helm lint takes no --set: lint a copy whose values.yaml carries a token, so that the whole chart
        // renders (helm lint only logs a template's fail, it would skip the DaemonSet silently).
        Path chart = copyChartWithValues(values -> replaceOnce(values, "  token: \"\"", "  token: \"lint-token\""));

        LintResult result = new Helm(chart).lint().strict().call();

        assertFalse(result.isFailed(), () -> "helm lint --strict: " + result.getMessages());
        assertTrue(result.getMessages().stream().noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]")),
                () -> "helm lint --strict: " + result.getMessages());
    }

    @Test
    void lintChecksValuesAgainstTheSchema() throws IOException {
        Path chart = copyChartWithValues(values -> replaceOnce(
                replaceOnce(values, "  token: \"\"", "  token: \"lint-token\""), "  port: 8080", "  port: \"8080\""));

        LintResult result = new Helm(chart).lint().strict().call();

        assertTrue(result.isFailed(), () -> "a string port passed helm lint: " + result.getMessages());
        assertTrue(result.getMessages().stream().anyMatch(m -> m.contains("/http/port")), result.getMessages()::toString);
    }

    // --- the DaemonSet ---

    @Test
    void directorsRunOnTheHostNetworkAsRootWithOnlyNetAdminAndNetRaw() {
        Map<String, Object> pod = podSpec(render("auth.token", "s3cret"));
        assertEquals(true, pod.get("hostNetwork"));
        assertEquals("ClusterFirstWithHostNet", pod.get("dnsPolicy"));
        assertEquals(0, map(pod, "securityContext").get("runAsUser"));
        assertEquals(30, pod.get("terminationGracePeriodSeconds"));

        Map<String, Object> security = map(container(pod), "securityContext");
        Map<String, Object> capabilities = map(security, "capabilities");
        assertEquals(List.of("ALL"), capabilities.get("drop"));
        List<?> added = (List<?>) capabilities.get("add");
        assertEquals(Set.of("NET_ADMIN", "NET_RAW"), Set.copyOf(added));
        assertEquals(2, added.size());
        assertEquals(false, security.get("privileged"));
        assertEquals(false, security.get("allowPrivilegeEscalation"));
        assertEquals(true, security.get("readOnlyRootFilesystem"));

        // With a read-only root the JVM and the native libraries need a writable /tmp.
        assertEquals("/tmp", mountOf(pod, "tmp").get("mountPath"));
        assertEquals(Map.of(), map(volume(pod, "tmp"), "emptyDir"));
    }

    @Test
    void nodesAreChosenByValues() {
        Map<String, Object> byDefault = podSpec(render("auth.token", "s3cret"));
        assertNull(byDefault.get("nodeSelector"));

        Map<String, Object> pod = podSpec(render("auth.token", "s3cret", "nodeSelector.lvs-director", "enabled",
                "tolerations[0].key", "dedicated", "tolerations[0].operator", "Exists",
                "priorityClassName", "system-node-critical"));
        assertEquals(Map.of("lvs-director", "enabled"), pod.get("nodeSelector"));
        assertEquals(List.of(Map.of("key", "dedicated", "operator", "Exists")), pod.get("tolerations"));
        assertEquals("system-node-critical", pod.get("priorityClassName"));
    }

    @Test
    void updatesOneNodeAtATime() {
        Map<String, Object> strategy = map(find(render("auth.token", "s3cret"), "DaemonSet"), "spec", "updateStrategy");
        assertEquals("RollingUpdate", strategy.get("type"));
        assertEquals(1, map(strategy, "rollingUpdate").get("maxUnavailable"));
    }

    @Test
    void stateLivesOnAHostPathByDefault() {
        Map<String, Object> pod = podSpec(render("auth.token", "s3cret"));
        assertEquals(Map.of("path", "/var/lib/lvs-director", "type", "DirectoryOrCreate"),
                map(volume(pod, "state"), "hostPath"));
        assertEquals("/var/lib/lvs-director", mountOf(pod, "state").get("mountPath"));
        assertEquals("/var/lib/lvs-director/state.json", env(pod, "LVS_STATE_FILE"));
    }

    @Test
    void stateOnAnExistingClaimGetsADirectoryPerNode() {
        Map<String, Object> pod = podSpec(render("auth.token", "s3cret",
                "state.type", "existingClaim", "state.existingClaim", "lvs-state"));
        Map<String, Object> state = volume(pod, "state");
        assertEquals(Map.of("claimName", "lvs-state"), map(state, "persistentVolumeClaim"));
        assertNull(state.get("hostPath"));
        assertEquals("/var/lib/lvs-director", mountOf(pod, "state").get("mountPath"));
        // Directors must never share a state file: one subdirectory per node.
        assertEquals("$(NODE_NAME)", mountOf(pod, "state").get("subPathExpr"));
        Map<String, Object> nodeName = envVar(pod, "NODE_NAME");
        assertEquals("spec.nodeName", map(nodeName, "valueFrom", "fieldRef").get("fieldPath"));
    }

    @Test
    void anExistingClaimNeedsAName() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> render("auth.token", "s3cret", "state.type", "existingClaim"));
        assertTrue(e.getMessage().contains("set state.existingClaim"), e.getMessage());
    }

    // --- authentication ---

    @Test
    void aTokenGivenToTheChartIsMountedFromItsSecret() {
        List<Map<String, Object>> manifests = render("auth.token", "s3cret");
        Map<String, Object> secret = find(manifests, "Secret");
        assertEquals(FULLNAME, map(secret, "metadata").get("name"));
        String data = (String) map(secret, "data").get("token");
        assertEquals("s3cret", new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8));

        Map<String, Object> pod = podSpec(manifests);
        assertEquals("token", env(pod, "LVS_API_AUTH"));
        assertEquals(tokenFile(pod, FULLNAME, "token"), env(pod, "LVS_API_TOKEN_FILE"));
        // The token never travels in the environment (exec health checks inherit it).
        assertNull(envVar(pod, "LVS_API_TOKEN"));
        assertNotNull(map(find(manifests, "DaemonSet"), "spec", "template", "metadata", "annotations")
                .get("checksum/auth-token"));
    }

    @Test
    void anExistingSecretIsMountedAndNoneIsCreated() {
        List<Map<String, Object>> manifests = render("auth.existingSecret", "director-token",
                "auth.existingSecretKey", "api-token");
        assertTrue(manifests.stream().noneMatch(m -> "Secret".equals(m.get("kind"))));
        Map<String, Object> pod = podSpec(manifests);
        assertEquals(tokenFile(pod, "director-token", "api-token"), env(pod, "LVS_API_TOKEN_FILE"));
    }

    @Test
    void authenticationOffNeedsNoToken() {
        List<Map<String, Object>> manifests = render("auth.mode", "none");
        Map<String, Object> pod = podSpec(manifests);
        assertEquals("none", env(pod, "LVS_API_AUTH"));
        assertNull(envVar(pod, "LVS_API_TOKEN_FILE"));
        assertTrue(manifests.stream().noneMatch(m -> "Secret".equals(m.get("kind"))));
        assertTrue(list(pod, "volumes").stream().noneMatch(v -> v.containsKey("secret")));
    }

    @Test
    void tokenAuthenticationWithoutATokenFailsToRender() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> render());
        assertTrue(e.getMessage().contains("auth.mode is token but no token is given"), e.getMessage());
        assertTrue(e.getMessage().contains("auth.existingSecret") && e.getMessage().contains("auth.token"),
                e.getMessage());
    }

    // --- probes, port, environment ---

    @Test
    void probesUseTheHealthEndpointsOnTheConfiguredPort() {
        Map<String, Object> pod = podSpec(render("auth.token", "s3cret", "http.port", 9090));
        Map<String, Object> container = container(pod);
        Map<String, Object> port = list(container, "ports").get(0);
        assertEquals("http", port.get("name"));
        assertEquals(9090, port.get("containerPort"));
        assertEquals("9090", env(pod, "QUARKUS_HTTP_PORT"));

        assertEquals(Map.of("path", "/q/health/live", "port", "http"), map(container, "livenessProbe", "httpGet"));
        assertEquals(Map.of("path", "/q/health/ready", "port", "http"), map(container, "readinessProbe", "httpGet"));
        assertEquals(Map.of("path", "/q/health/started", "port", "http"), map(container, "startupProbe", "httpGet"));

        Map<String, Object> withoutStartup = container(podSpec(render("auth.token", "s3cret",
                "probes.startup.enabled", false)));
        assertNull(withoutStartup.get("startupProbe"));
        assertNotNull(withoutStartup.get("livenessProbe"));
    }

    @Test
    void directorSettingsReachTheEnvironment() {
        Map<String, Object> pod = podSpec(render("auth.token", "s3cret", "ipvs.resyncInterval", "30s",
                "vrrp.enabled", false, "health.enabled", false, "auth.protectReads", true,
                "extraEnv[0].name", "LVS_IPVS_OWNED_FILE", "extraEnv[0].value", "/var/lib/lvs-director/owned.txt",
                "image.repository", "registry.example/lvs-director", "image.tag", "1.2.3"));
        assertEquals("30s", env(pod, "LVS_IPVS_RESYNC_INTERVAL"));
        assertEquals("false", env(pod, "LVS_VRRP_ENABLED"));
        assertEquals("false", env(pod, "LVS_HEALTH_ENABLED"));
        assertEquals("true", env(pod, "LVS_API_PROTECT_READS"));
        assertEquals("/var/lib/lvs-director/owned.txt", env(pod, "LVS_IPVS_OWNED_FILE"));
        assertEquals("registry.example/lvs-director:1.2.3", container(pod).get("image"));
    }

    @Test
    void theImageTagDefaultsToTheAppVersion() throws IOException {
        String appVersion = Files.readAllLines(CHART.resolve("Chart.yaml")).stream()
                .filter(l -> l.startsWith("appVersion:")).findFirst().orElseThrow()
                .substring("appVersion:".length()).trim().replace("\"", "");
        assertEquals("lvs-director:" + appVersion, container(podSpec(render("auth.token", "s3cret"))).get("image"));
    }

    // --- Service and ServiceMonitor ---

    @Test
    void aHeadlessServiceCarriesTheApiAndMetrics() {
        Map<String, Object> spec = map(find(render("auth.token", "s3cret"), "Service"), "spec");
        assertEquals("None", spec.get("clusterIP"));
        assertEquals(Map.of("app.kubernetes.io/name", "lvs-director", "app.kubernetes.io/instance", RELEASE),
                spec.get("selector"));
        assertEquals("http", list(spec, "ports").get(0).get("targetPort"));
    }

    @Test
    void theServiceMonitorAppearsOnlyWhenEnabled() {
        assertTrue(render("auth.token", "s3cret").stream().noneMatch(m -> "ServiceMonitor".equals(m.get("kind"))));

        List<Map<String, Object>> manifests = render("auth.token", "s3cret", "serviceMonitor.enabled", true,
                "serviceMonitor.labels.release", "prometheus");
        Map<String, Object> monitor = find(manifests, "ServiceMonitor");
        assertEquals("prometheus", map(monitor, "metadata", "labels").get("release"));
        Map<String, Object> endpoint = list(map(monitor, "spec"), "endpoints").get(0);
        assertEquals("/q/metrics", endpoint.get("path"));
        assertEquals("http", endpoint.get("port"));
        // The monitor finds the Service by its labels.
        Map<String, Object> serviceLabels = map(find(manifests, "Service"), "metadata", "labels");
        map(monitor, "spec", "selector", "matchLabels")
                .forEach((k, v) -> assertEquals(v, serviceLabels.get(k), "Service label " + k));
    }

    // --- the schema ---

    @Test
    void theSchemaRejectsWrongValues() {
        IllegalStateException mode = assertThrows(IllegalStateException.class,
                () -> render("auth.mode", "bogus", "auth.token", "s3cret"));
        assertTrue(mode.getMessage().contains("/auth/mode"), mode.getMessage());

        IllegalStateException port = assertThrows(IllegalStateException.class,
                () -> render("auth.token", "s3cret", "http.port", "eighty"));
        assertTrue(port.getMessage().contains("/http/port"), port.getMessage());

        IllegalStateException typo = assertThrows(IllegalStateException.class,
                () -> render("auth.tokn", "s3cret"));
        assertTrue(typo.getMessage().contains("tokn"), typo.getMessage());

        IllegalStateException state = assertThrows(IllegalStateException.class,
                () -> render("auth.token", "s3cret", "state.type", "nfs"));
        assertTrue(state.getMessage().contains("/state/type"), state.getMessage());

        // An environment variable's value must be a string; a bare true would fail only at kubectl apply.
        IllegalStateException env = assertThrows(IllegalStateException.class, () -> render("auth.token", "s3cret",
                "extraEnv[0].name", "LVS_IPVS_PURGE_FOREIGN", "extraEnv[0].value", true));
        assertTrue(env.getMessage().contains("/extraEnv/0/value"), env.getMessage());
    }

    // --- helpers ---

    /** helm template with the given key/value pairs, as parsed manifests. */
    static List<Map<String, Object>> render(Object... keysAndValues) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace("lb");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            template = template.set((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        List<Map<String, Object>> manifests = new ArrayList<>();
        for (Object document : new Yaml().loadAll(template.call())) {
            if (document != null) {
                manifests.add(cast(document));
            }
        }
        return manifests;
    }

    static Map<String, Object> find(List<Map<String, Object>> manifests, String kind) {
        List<Map<String, Object>> found = manifests.stream().filter(m -> kind.equals(m.get("kind"))).toList();
        assertEquals(1, found.size(), () -> "manifests of kind " + kind);
        return found.get(0);
    }

    static Map<String, Object> podSpec(List<Map<String, Object>> manifests) {
        return map(find(manifests, "DaemonSet"), "spec", "template", "spec");
    }

    static Map<String, Object> container(Map<String, Object> pod) {
        List<Map<String, Object>> containers = list(pod, "containers");
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    static Map<String, Object> envVar(Map<String, Object> pod, String name) {
        return list(container(pod), "env").stream().filter(e -> name.equals(e.get("name"))).findFirst().orElse(null);
    }

    static String env(Map<String, Object> pod, String name) {
        Map<String, Object> var = envVar(pod, name);
        assertNotNull(var, () -> "env " + name);
        return (String) var.get("value");
    }

    static Map<String, Object> volume(Map<String, Object> pod, String name) {
        return named(list(pod, "volumes"), name);
    }

    static Map<String, Object> mountOf(Map<String, Object> pod, String volume) {
        return named(list(container(pod), "volumeMounts"), volume);
    }

    /** The path where the container sees {@code key} of Secret {@code secretName}; fails if it is not mounted. */
    static String tokenFile(Map<String, Object> pod, String secretName, String key) {
        Map<String, Object> volume = list(pod, "volumes").stream()
                .filter(v -> v.get("secret") != null && secretName.equals(map(v, "secret").get("secretName")))
                .findFirst().orElseThrow(() -> new AssertionError("no volume of Secret " + secretName));
        Map<String, Object> item = list(map(volume, "secret"), "items").stream()
                .filter(i -> key.equals(i.get("key"))).findFirst()
                .orElseThrow(() -> new AssertionError("Secret key " + key + " not projected"));
        Map<String, Object> mount = mountOf(pod, (String) volume.get("name"));
        return mount.get("mountPath") + "/" + item.get("path");
    }

    static Map<String, Object> named(List<Map<String, Object>> items, String name) {
        return items.stream().filter(i -> name.equals(i.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("nothing named " + name + " in " + items));
    }

    static Map<String, Object> map(Map<String, Object> from, String... path) {
        Object current = from;
        for (String key : path) {
            assertTrue(current instanceof Map, () -> "no map at " + key);
            current = ((Map<?, ?>) current).get(key);
        }
        assertTrue(current instanceof Map, () -> "no map at " + String.join(".", path));
        return cast(current);
    }

    static List<Map<String, Object>> list(Map<String, Object> from, String key) {
        assertTrue(from.get(key) instanceof List, () -> "no list at " + key);
        return cast(from.get(key));
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object o) {
        return (T) o;
    }

    /** A copy of the chart with values.yaml edited, for helm lint (which takes no --set). */
    Path copyChartWithValues(java.util.function.UnaryOperator<String> edit) throws IOException {
        Path copy = tmp.resolve("lvs-director");
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        Path values = copy.resolve("values.yaml");
        Files.writeString(values, edit.apply(Files.readString(values)));
        return copy;
    }

    static String replaceOnce(String text, String from, String to) {
        assertEquals(text.indexOf(from), text.lastIndexOf(from), () -> "not exactly once: " + from);
        assertTrue(text.contains(from), () -> "missing: " + from);
        return text.replace(from, to);
    }
}
