package io.crmanalytics.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Headless Chromium driven through chromedriver with plain W3C WebDriver calls over HTTP: no Selenium jar,
 * nothing but the Debian packages {@code chromium} and {@code chromium-driver}. One browser session per instance.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Process driver;
    private final String base;
    private final String session;

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    HeadlessChromium(Path profileDir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(profileDir.resolve("chromedriver.log").toFile()).start();
        base = "http://127.0.0.1:" + port;
        try {
            session = startSession(profileDir);
        } catch (IOException | InterruptedException | RuntimeException e) {
            driver.destroy();
            throw e;
        }
    }

    private String startSession(Path profileDir) throws IOException, InterruptedException {
        waitUntilReady();
        Map<String, Object> options = Map.of(
                "binary", CHROMIUM.toString(),
                "args", List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--user-data-dir=" + profileDir.resolve("profile"),
                        "--window-size=1280,1000"));
        JsonNode created = call("POST", "/session", Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                "browserName", "chrome", "goog:chromeOptions", options,
                "goog:loggingPrefs", Map.of("browser", "ALL")))));
        return created.get("sessionId").asText();
    }

    void open(String url) throws IOException, InterruptedException {
        call("POST", "/session/" + session + "/url", Map.of("url", url));
    }

    /** Runs a synchronous script in the page and returns its value as JSON. */
    JsonNode script(String body) throws IOException, InterruptedException {
        return call("POST", "/session/" + session + "/execute/sync", Map.of("script", body, "args", List.of()));
    }

    /** Browser console entries since the last call (level and message each), via chromedriver's log endpoint. */
    JsonNode consoleLog() throws IOException, InterruptedException {
        return call("POST", "/session/" + session + "/se/log", Map.of("type", "browser"));
    }

    void resize(int width, int height) throws IOException, InterruptedException {
        call("POST", "/session/" + session + "/window/rect", Map.of("width", width, "height", height));
    }

    void screenshot(Path png) throws IOException, InterruptedException {
        String data = call("GET", "/session/" + session + "/screenshot", null).asText();
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(data));
    }

    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode value = JSON.readTree(response.body()).get("value");
        if (response.statusCode() != 200) {
            throw new IOException("WebDriver " + method + " " + path + " failed (" + response.statusCode() + "): "
                    + (value != null && value.has("message") ? value.get("message").asText() : response.body()));
        }
        return value;
    }

    private void waitUntilReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (call("GET", "/status", null).path("ready").asBoolean()) {
                    return;
                }
            } catch (IOException notYet) {
                // chromedriver is still starting
            }
            if (!driver.isAlive()) {
                throw new IOException("chromedriver exited with " + driver.exitValue());
            }
            Thread.sleep(100);
        }
        throw new IOException("chromedriver did not become ready in 20 s");
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } catch (IOException | InterruptedException ignored) {
            // the driver is stopped below either way
        } finally {
            driver.destroy();
        }
    }
}
