/**
 * The embedded store: mongo-java-server with its H2 (MVStore) backend, started in-process when no MongoDB
 * deployment is configured, and the customisations that make it fast and durable enough to serve. This package
 * imports nothing of the application; {@code minsheng.store.Store} starts it and names what it needs.
 *
 * <p>Tied to the versions in the build: mongo-java-server 1.47.0 ({@code mongo-java-server.version} in the pom)
 * and the H2 it brings, 2.3.232 ({@code mvn dependency:tree}). Each class below reaches into internals of one of
 * them (protected methods, map names, type tags, the order of serialised bytes), so an upgrade of either must run
 * this package's tests ({@code EmbeddedMongoTest}, {@code IndexKeyTypeTest}, {@code IndexRepairTest}, and {@code EmbeddedDurabilityTest}
 * in {@code minsheng.store}) and re-read these notes:
 * <ul>
 *   <li>{@link minsheng.store.embedded.EmbeddedMongo} — starts the server on loopback over one MVStore file with
 *       a smaller page cache and a lower compaction threshold (both measured under load), and subclasses
 *       {@code H2Backend}/{@code H2Database} (their {@code handleCommand}, {@code openOrCreateDatabase},
 *       {@code openOrCreateCollection} and {@code openOrCreateUniqueIndex}, and the
 *       {@code databases.<ns>} / {@code <ns>._index_<name>} map names) to install the types below; it makes the
 *       writes of named collections take turns, because mongo-java-server checks a unique index and writes in
 *       separate steps, so two concurrent inserts of one {@code _id} could both succeed.</li>
 *   <li>{@link minsheng.store.embedded.Durability} — a forced MVStore commit (and sync) for writes with
 *       {@code j: true} and reads with read concern {@code majority}, which mongo-java-server ignores; it relies on
 *       H2's {@code commit()} returning -1 when its background writer took the changes.</li>
 *   <li>{@link minsheng.store.embedded.DocumentValueType} — writes documents as BSON instead of H2's Java
 *       serialisation (a quarter of the store's CPU under load); it still reads H2's tagged Java-serialised values,
 *       so it depends on H2's {@code ObjectDataType} tags.</li>
 *   <li>{@link minsheng.store.embedded.IndexKeyType} — orders unique-index keys ({@code KeyValue}) by exactly the
 *       Java-serialised bytes H2 would compare, serialising each key once (half of the store's CPU was spent
 *       re-serialising during binary searches); existing files stay in order only while H2 and
 *       mongo-java-server serialise {@code KeyValue} the same way.</li>
 *   <li>{@link minsheng.store.embedded.IdLookupIndex} — lets a query naming {@code _id} and more (a conditional
 *       update) use the {@code _id} index, which mongo-java-server 1.47.0 only uses for a query on exactly its
 *       keys (it scans the collection otherwise).</li>
 *   <li>{@link minsheng.store.embedded.IndexRepair} — after a process that did not close the store (a crash),
 *       checks every unique index against the documents before the store accepts connections: mongo-java-server
 *       writes a document and its index entries as separate map operations and H2's background writer can
 *       commit between them. It relies on the same map names, on {@code MongoCollection.getIndexes()} and on
 *       {@code Index.getKeyValues}, {@code getPosition} and {@code add} ({@code IndexRepairTest}).</li>
 * </ul>
 */
package minsheng.store.embedded;
