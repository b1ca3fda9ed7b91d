package dev.imagestreams.registry;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagestreams.registry.auth.TokenCache;
import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.http.AddressPolicy;
import dev.imagestreams.registry.http.Cancellation;
import dev.imagestreams.registry.http.HttpTransport;
import dev.imagestreams.registry.http.ImportBudget;
import dev.imagestreams.registry.manifest.ImageConfigParser;
import dev.imagestreams.registry.manifest.ManifestParser;
import dev.imagestreams.registry.reference.Digest;
import dev.imagestreams.registry.reference.ImageReference;

/**
 * Resolves image references against OCI distribution registries. Thread-safe; create one and share
 * it.
 *
 * <p>{@link #head} costs one {@code HEAD}. {@link #resolve} of a reference this client has not
 * resolved before costs only the {@code GET}s the image needs: the manifest (which brings its
 * digest), for {@code Legacy} the chosen platform's manifest, and the config blob. A reference
 * resolved before costs one {@code HEAD} while its digest stays the same, and the {@code GET}s a
 * new digest needs when it changed. Every fetched document is verified against its digest: the one
 * requested, else the one the registry announced. Failures are {@link RegistryException}s whose
 * {@link ErrorKind} says why.
 *
 * <p>When a request with credentials is refused with 401, it is retried once anonymously, as
 * OpenShift does; if that fails too, the first error is reported.
 *
 * <p>Each call is one import with one deadline ({@link RegistrySettings#importDeadline()}) for all
 * its requests; pass an {@link ImportBudget} from {@link #newImport} to share one deadline between
 * a {@link #head} and the {@link #resolve} that follows it, and to cancel the import.
 */
public final class RegistryClient {
  private final RegistrySettings settings;
  private final DistributionApi api;
  private final ManifestResolver manifests;
  private final ResolvedImageCache cache;
  private final SingleFlight<ResolvedImageCache.Key, ResolvedImage> resolutions =
      new SingleFlight<>();
  private final TokenCache tokenCache;

  public RegistryClient(RegistrySettings settings) {
    this.settings = settings;
    ObjectMapper mapper = new ObjectMapper();
    // hostile documents: cap nesting and string sizes well below the body caps
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1_000_000).build());
    HttpTransport transport =
        new HttpTransport(
            new HttpTransport.Settings(
                settings.connectTimeout(),
                settings.requestTimeout(),
                settings.maxRedirects(),
                settings.trustedCas(),
                new AddressPolicy(settings.blockedRegistries()),
                settings.throttle(),
                settings.listener(),
                settings.userAgent(),
                settings.transientRetries(),
                settings.minimumBodyRate()));
    this.tokenCache = new TokenCache(settings.clock());
    TokenService tokens = new TokenService(transport, tokenCache, mapper, settings.clock());
    RegistryConnector connector = new RegistryConnector(transport, tokens, settings.clock());
    this.api =
        new DistributionApi(
            connector,
            new DistributionErrors(mapper, settings.clock()),
            settings.clock(),
            settings.maxManifestBytes());
    this.manifests =
        new ManifestResolver(
            api,
            new ManifestParser(mapper),
            new ImageConfigParser(mapper),
            settings.maxConfigBytes());
    this.cache = new ResolvedImageCache(settings.resolvedCacheSize());
  }

  public RegistrySettings settings() {
    return settings;
  }

  /** The number of cached bearer tokens, for tests and metrics. */
  public int cachedTokens() {
    return tokenCache.size();
  }

  /** A new import: its deadline starts now; {@code cancellation} stops it between requests. */
  public ImportBudget newImport(Cancellation cancellation) {
    return ImportBudget.startingNow(settings.importDeadline(), settings.clock(), cancellation);
  }

  /** Asks the registry what the reference points at, without downloading the manifest. */
  public ManifestHead head(ImageReference image, Access access) throws RegistryException {
    return head(image, access, newImport(Cancellation.never()));
  }

  /** {@link #head(ImageReference, Access)} within an import's budget. */
  public ManifestHead head(ImageReference image, Access access, ImportBudget budget)
      throws RegistryException {
    checkNotBlocked(image);
    return withAnonymousRetry(access, a -> api.headManifest(image, a, budget));
  }

  /**
   * Resolves a reference: the {@code GET}s of its image when it is new to this client, else one
   * {@code HEAD} plus the {@code GET}s a new digest needs.
   */
  public ResolvedImage resolve(ImageReference image, Access access, ResolveOptions options)
      throws RegistryException {
    return resolve(image, access, options, newImport(Cancellation.never()));
  }

  /** {@link #resolve(ImageReference, Access, ResolveOptions)} within an import's budget. */
  public ResolvedImage resolve(
      ImageReference image, Access access, ResolveOptions options, ImportBudget budget)
      throws RegistryException {
    checkNotBlocked(image);
    if (!cache.seen(image, options)) {
      // first sight: the manifest is needed anyway, and it comes with its digest
      return withAnonymousRetry(access, a -> resolveFetched(image, a, options, budget));
    }
    return withAnonymousRetry(
        access, a -> resolveWith(image, api.headManifest(image, a, budget), a, options, budget));
  }

  /**
   * Resolves a reference whose {@code HEAD} was already made: no request at all when the digest was
   * resolved before, else the {@code GET}s it needs.
   */
  public ResolvedImage resolve(
      ImageReference image, ManifestHead head, Access access, ResolveOptions options)
      throws RegistryException {
    return resolve(image, head, access, options, newImport(Cancellation.never()));
  }

  /**
   * {@link #resolve(ImageReference, ManifestHead, Access, ResolveOptions)} within an import's
   * budget.
   */
  public ResolvedImage resolve(
      ImageReference image,
      ManifestHead head,
      Access access,
      ResolveOptions options,
      ImportBudget budget)
      throws RegistryException {
    checkNotBlocked(image);
    return withAnonymousRetry(access, a -> resolveWith(image, head, a, options, budget));
  }

  /** The resolution of a digest if it is cached; never contacts the registry. */
  public ResolvedImage cached(ImageReference image, Digest sourceDigest, ResolveOptions options) {
    ResolvedImage hit =
        cache.get(new ResolvedImageCache.Key(image.registry(), sourceDigest, options));
    return hit == null ? null : hit.forReference(image);
  }

  private void checkNotBlocked(ImageReference image) throws RegistryException {
    if (settings.blockedRegistries().match(image).isPresent()) {
      throw RegistryException.of(ErrorKind.FORBIDDEN, "registry " + image.registry() + " blocked");
    }
  }

  private ResolvedImage resolveWith(
      ImageReference image,
      ManifestHead head,
      Access access,
      ResolveOptions options,
      ImportBudget budget)
      throws RegistryException {
    if (image.digest() != null && head.digest() != null && !image.digest().equals(head.digest())) {
      throw RegistryException.of(
          ErrorKind.DIGEST_MISMATCH,
          "registry "
              + image.registry()
              + " announced digest "
              + head.digest()
              + " for \""
              + image
              + "\"");
    }
    Digest source = head.digest() != null ? head.digest() : image.digest();
    if (source == null) {
      return fetch(image, image.manifestReference(), null, access, options, budget);
    }
    ResolvedImageCache.Key key = new ResolvedImageCache.Key(image.registry(), source, options);
    ResolvedImage hit = cached(image, source, options);
    if (hit != null) {
      return hit;
    }
    // one resolution per digest at a time: the imports that need it while it is under way wait
    // for it and then find it cached, so a digest costs its GETs once (registries count a
    // manifest GET as a pull)
    ResolvedImage resolved =
        resolutions.run(
            key,
            () -> {
              ResolvedImage done = cache.get(key);
              return done != null
                  ? done
                  : fetch(image, source.toString(), source, access, options, budget);
            });
    return resolved.forReference(image);
  }

  /** Fetches and resolves a manifest, and remembers the resolution by its source digest. */
  private ResolvedImage fetch(
      ImageReference image,
      String ref,
      Digest source,
      Access access,
      ResolveOptions options,
      ImportBudget budget)
      throws RegistryException {
    return remember(
        image,
        options,
        manifests.resolve(
            image, api.getManifest(image, ref, source, access, budget), access, options, budget));
  }

  /**
   * Resolves a reference by fetching its manifest at once; what the manifest leads to (a platform's
   * manifest, the config) is fetched once per digest, however many references lead to it.
   */
  private ResolvedImage resolveFetched(
      ImageReference image, Access access, ResolveOptions options, ImportBudget budget)
      throws RegistryException {
    DistributionApi.FetchedManifest fetched =
        api.getManifest(image, image.manifestReference(), image.digest(), access, budget);
    ResolvedImageCache.Key key =
        new ResolvedImageCache.Key(image.registry(), fetched.digest(), options);
    ResolvedImage resolved =
        resolutions.run(
            key,
            () -> {
              ResolvedImage done = cache.get(key);
              return done != null
                  ? done
                  : remember(
                      image, options, manifests.resolve(image, fetched, access, options, budget));
            });
    cache.markSeen(image, options);
    return resolved.forReference(image);
  }

  private ResolvedImage remember(
      ImageReference image, ResolveOptions options, ResolvedImage resolved) {
    cache.put(
        new ResolvedImageCache.Key(image.registry(), resolved.sourceDigest(), options), resolved);
    cache.markSeen(image, options);
    return resolved;
  }

  @FunctionalInterface
  private interface Operation<T> {
    T run(Access access) throws RegistryException;
  }

  private static <T> T withAnonymousRetry(Access access, Operation<T> operation)
      throws RegistryException {
    try {
      return operation.run(access);
    } catch (RegistryException e) {
      if (e.kind() != ErrorKind.UNAUTHORIZED || access.credentials() == null) {
        throw e;
      }
      try {
        return operation.run(access.anonymousVariant());
      } catch (RegistryException anonymous) {
        throw e; // the first error says more (OpenShift keeps it too)
      }
    }
  }
}
