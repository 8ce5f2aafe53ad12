package dev.berth.docker.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.exception.BackendUnavailableException;
import dev.berth.exception.BerthException;
import dev.berth.registry.RegistryCredentials;
import dev.berth.registry.RegistryCredentialsProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Distribution HTTP API v2 of one registry over {@link HttpClient}: catalog and tag lists (paginated by
 * {@code Link} headers), manifests by tag or digest (image manifests, manifest lists, OCI indexes), {@code HEAD}
 * for digests, {@code PUT} of a manifest under a tag, {@code DELETE} by digest. Every request carries the call
 * deadline. A {@code 401} answer's {@code WWW-Authenticate} challenge is met once per request: {@code Basic} with
 * the credentials, {@code Bearer} with a token fetched from the challenge's realm (with the credentials, if any),
 * cached per scope.
 */
public final class DistributionClient {

    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final int PAGE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final RegistryCredentialsProvider credentials;
    private final Duration callTimeout;
    private final HttpClient http;
    private final Map<String, String> tokensByScope = new ConcurrentHashMap<>();

    /**
     * @param base the registry's base URI, e.g. {@code http://127.0.0.1:5000}
     * @param credentials the registry's credentials
     * @param connectTimeout deadline to open a connection
     * @param callTimeout deadline of each request, from sending to the whole answer
     */
    public DistributionClient(URI base, RegistryCredentialsProvider credentials, Duration connectTimeout,
                              Duration callTimeout) {
        this.base = base;
        this.credentials = credentials;
        this.callTimeout = callTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * @return every repository name of {@code GET /v2/_catalog}, following pagination
     * @throws BackendUnavailableException if the registry cannot be reached or refuses
     */
    public List<String> catalog() {
        return paged("/v2/_catalog?n=" + PAGE, "repositories", "list repositories");
    }

    /**
     * @param repository a repository name
     * @return its tags, following pagination; empty if the registry does not know the repository
     * @throws BackendUnavailableException if the registry cannot be reached or refuses
     */
    public List<String> tags(String repository) {
        return paged("/v2/" + repository + "/tags/list?n=" + PAGE, "tags", "list tags of " + repository);
    }

    /**
     * @param repository a repository name
     * @param reference a tag or digest
     * @return the manifest's digest ({@code HEAD}), or empty if there is no such manifest
     * @throws BackendUnavailableException if the registry cannot be reached or refuses
     */
    public Optional<String> digest(String repository, String reference) {
        HttpResponse<byte[]> response = send(manifestRequest(repository, reference).method("HEAD",
                HttpRequest.BodyPublishers.noBody()), "find manifest " + repository + ":" + reference);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(response, 200, "find manifest " + repository + ":" + reference);
        return Optional.of(header(response, "Docker-Content-Digest"));
    }

    /**
     * @param repository a repository name
     * @param reference a tag or digest
     * @return the manifest, or empty if there is no such manifest
     * @throws BackendUnavailableException if the registry cannot be reached or refuses
     */
    public Optional<ManifestDocument> manifest(String repository, String reference) {
        String what = "get manifest " + repository + ":" + reference;
        HttpResponse<byte[]> response = send(manifestRequest(repository, reference).GET(), what);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(response, 200, what);
        return Optional.of(new ManifestDocument(header(response, "Docker-Content-Digest"),
                header(response, "Content-Type"), response.body()));
    }

    /**
     * @param repository a repository name
     * @param tag the tag to put the manifest under
     * @param manifest a manifest of the repository, byte for byte as it was served
     * @throws BackendUnavailableException if the registry cannot be reached or refuses
     */
    public void putManifest(String repository, String tag, ManifestDocument manifest) {
        String what = "put manifest " + repository + ":" + tag;
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", manifest.mediaType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.body())), what);
        expect(response, 201, what);
    }

    /**
     * @param repository a repository name
     * @param digest a manifest digest
     * @return whether a manifest was deleted ({@code false}: there was none)
     * @throws BackendUnavailableException if the registry cannot be reached, refuses, or has deletes disabled
     */
    public boolean delete(String repository, String digest) {
        String what = "delete manifest " + repository + "@" + digest;
        HttpResponse<byte[]> response = send(manifestRequest(repository, digest).DELETE(), what);
        if (response.statusCode() == 404) {
            return false;
        }
        if (response.statusCode() == 405) {
            throw new BackendUnavailableException("Registry " + base + " does not allow deletes (HTTP 405) to "
                    + what + ": enable them (distribution: storage.delete.enabled: true)", false);
        }
        expect(response, 202, what);
        return true;
    }

    private HttpRequest.Builder manifestRequest(String repository, String reference) {
        return HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference))
                .header("Accept", ManifestDocument.ACCEPT);
    }

    private List<String> paged(String firstPath, String field, String what) {
        List<String> all = new ArrayList<>();
        URI next = uri(firstPath);
        while (next != null) {
            HttpResponse<byte[]> response = send(HttpRequest.newBuilder(next).GET(), what);
            if (response.statusCode() == 404) {
                return all;
            }
            expect(response, 200, what);
            for (JsonNode name : json(response, what).path(field)) {
                all.add(name.asText());
            }
            next = response.headers().firstValue("Link").flatMap(DistributionClient::nextLink)
                    .map(base::resolve).orElse(null);
        }
        return all;
    }

    /** @return the target of a {@code Link: <...>; rel="next"} header */
    static Optional<String> nextLink(String header) {
        Matcher m = NEXT_LINK.matcher(header);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Sends with the cached authorization; on 401 meets the challenge once and sends again. */
    private HttpResponse<byte[]> send(HttpRequest.Builder request, String what) {
        request.timeout(callTimeout);
        String scopeKey = request.build().uri().getPath();
        Optional<String> cached = cachedAuthorization(scopeKey);
        cached.ifPresent(a -> request.setHeader("Authorization", a));
        HttpResponse<byte[]> response = exchange(request.build(), what);
        if (response.statusCode() != 401) {
            return response;
        }
        Challenge challenge = response.headers().firstValue("WWW-Authenticate").flatMap(Challenge::parse)
                .orElseThrow(() -> refused(what, "HTTP 401 without a WWW-Authenticate challenge"));
        request.setHeader("Authorization", authorize(challenge, scopeKey, what));
        HttpResponse<byte[]> retried = exchange(request.build(), what);
        if (retried.statusCode() == 401 || retried.statusCode() == 403) {
            throw refused(what, "HTTP " + retried.statusCode() + " after authenticating ("
                    + challenge.scheme() + "): check the registry credentials and their rights");
        }
        return retried;
    }

    private Optional<String> cachedAuthorization(String path) {
        return Optional.ofNullable(tokensByScope.get(scopeOf(path)));
    }

    private String authorize(Challenge challenge, String path, String what) {
        Optional<RegistryCredentials> creds = credentials.credentials();
        if (challenge.scheme().equals("basic")) {
            RegistryCredentials c = creds.orElseThrow(() -> refused(what,
                    "the registry asks for a user name and password and none were configured"));
            String header = basic(c);
            tokensByScope.put(scopeOf(path), header);
            return header;
        }
        if (!challenge.scheme().equals("bearer")) {
            throw refused(what, "unsupported authentication scheme '" + challenge.scheme() + "'");
        }
        String realm = challenge.parameter("realm").orElseThrow(() -> refused(what, "bearer challenge without realm"));
        StringBuilder tokenUri = new StringBuilder(realm);
        char sep = realm.contains("?") ? '&' : '?';
        for (String name : List.of("service", "scope")) {
            Optional<String> value = challenge.parameter(name);
            if (value.isPresent()) {
                tokenUri.append(sep).append(name).append('=')
                        .append(URLEncoder.encode(value.get(), StandardCharsets.UTF_8));
                sep = '&';
            }
        }
        HttpRequest.Builder tokenRequest = HttpRequest.newBuilder(URI.create(tokenUri.toString())).GET()
                .timeout(callTimeout);
        creds.ifPresent(c -> tokenRequest.header("Authorization", basic(c)));
        HttpResponse<byte[]> response = exchange(tokenRequest.build(), "get a token to " + what);
        if (response.statusCode() != 200) {
            throw refused(what, "the token endpoint " + realm + " answered HTTP " + response.statusCode()
                    + ": check the registry credentials");
        }
        JsonNode body = json(response, "read the token to " + what);
        String token = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText("");
        if (token.isEmpty()) {
            throw refused(what, "the token endpoint " + realm + " gave no token");
        }
        String header = "Bearer " + token;
        tokensByScope.put(scopeOf(path), header);
        return header;
    }

    /** Tokens are scoped per repository; catalog and base calls share one key. */
    private static String scopeOf(String path) {
        int manifests = path.indexOf("/manifests/");
        int tags = path.indexOf("/tags/");
        int end = manifests >= 0 ? manifests : tags >= 0 ? tags : path.length();
        return path.substring(0, end);
    }

    private static String basic(RegistryCredentials c) {
        return "Basic " + Base64.getEncoder().encodeToString((c.username() + ":" + c.password())
                .getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> exchange(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new BackendUnavailableException("Registry " + base + " did not answer within " + callTimeout
                    + " to " + what, true, e);
        } catch (IOException e) {
            throw new BackendUnavailableException("Registry " + base + " could not be reached to " + what + ": "
                    + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while waiting for registry " + base + " to " + what, e);
        }
    }

    private void expect(HttpResponse<byte[]> response, int status, String what) {
        if (response.statusCode() != status) {
            String body = new String(response.body(), StandardCharsets.UTF_8);
            boolean retryable = response.statusCode() >= 500 || response.statusCode() == 429;
            throw new BackendUnavailableException("Registry " + base + " answered HTTP " + response.statusCode()
                    + " to " + what + ": " + body.strip(), retryable);
        }
    }

    private JsonNode json(HttpResponse<byte[]> response, String what) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new BackendUnavailableException("Registry " + base + " gave an answer that is not JSON to " + what,
                    false, e);
        }
    }

    private static String header(HttpResponse<byte[]> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    private BackendUnavailableException refused(String what, String reason) {
        return new BackendUnavailableException("Registry " + base + " refused to " + what + ": " + reason, false);
    }

    private URI uri(String path) {
        return base.resolve(path);
    }
}
