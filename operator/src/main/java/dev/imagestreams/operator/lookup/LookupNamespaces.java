package dev.imagestreams.operator.lookup;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.engine.resolution.ImageLookup;
import java.util.Set;
import java.util.TreeSet;

/**
 * The namespaces the API server sends to each webhook: those with a stream that resolves local
 * names (for {@link WebhookSettings#LOCAL_NAMES}), and those with any stream (for {@link
 * WebhookSettings#RESOLVE_NAMES}); never a privileged one. Pure.
 *
 * @param localNames namespaces with a {@code lookupPolicy.local} stream, sorted
 * @param anyStream namespaces with a stream, sorted
 */
record LookupNamespaces(Set<String> localNames, Set<String> anyStream) {
  static final LookupNamespaces NONE = new LookupNamespaces(Set.of(), Set.of());

  static LookupNamespaces of(Iterable<ImageStream> streams, Set<String> privileged) {
    Set<String> local = new TreeSet<>();
    Set<String> any = new TreeSet<>();
    for (ImageStream s : streams) {
      String ns = s.getMetadata().getNamespace();
      if (privileged.contains(ns)) {
        continue;
      }
      any.add(ns);
      if (ImageLookup.localLookup(s)) {
        local.add(ns);
      }
    }
    return new LookupNamespaces(local, any);
  }
}
