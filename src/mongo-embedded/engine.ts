/** The storage engine: all databases in memory, journaled writes, snapshot + journal recovery. */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Doc } from './codec.js';
import { Collection } from './collection.js';
import { MongoServerError, badValue } from './errors.js';
import { Journal, readJournal, type JournalRecord } from './journal.js';
import { fsyncDir, readSnapshot, writeSnapshot } from './snapshot.js';
import { replayRecord } from './replay.js';

export class Engine {
  readonly dbs = new Map<string, Map<string, Collection>>();
  private journal!: Journal;
  private replaying = false;
  private compaction?: Promise<void>;
  /** Bytes of the documents in the last snapshot. */
  private snapshotBytes = 0;

  private constructor(
    readonly dbpath: string,
    private readonly compactBytes: number,
    /** Documents written between yields of a background snapshot. */
    private readonly snapshotYieldEvery: number,
  ) {}

  static async open(
    dbpath: string,
    compactBytes = 64 * 1024 * 1024,
    snapshotYieldEvery = 2000,
  ): Promise<Engine> {
    mkdirSync(dbpath, { recursive: true });
    const engine = new Engine(dbpath, compactBytes, snapshotYieldEvery);
    const replayed = engine.recover();
    engine.journal = await Journal.open(engine.journalPath, () => engine.maybeCompact());
    // A snapshot is only needed when the journal held something; else just reset the journal.
    if (replayed) await engine.compact();
    else await engine.journal.truncate();
    return engine;
  }

  /** Loads the snapshot and replays the journal; returns how many journal records there were. */
  private recover(): number {
    this.replaying = true;
    for (const [db, colls] of readSnapshot(this.dbpath)) {
      for (const c of colls) {
        const coll = this.ensure(db, c.name, c.options);
        for (const spec of c.indexes) coll.createIndex(spec, false);
        for (const d of c.docs) coll.put(d);
      }
    }
    // A previous journal exists when a background snapshot did not finish: it comes first.
    const records = [...readJournal(this.prevJournalPath), ...readJournal(this.journalPath)];
    for (const rec of records) replayRecord(this, rec);
    this.replaying = false;
    return records.length;
  }

  private log = (rec: JournalRecord, raw?: Uint8Array): void => {
    if (!this.replaying) this.journal.append(rec, raw);
  };

  collection(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  /** Returns the collection, creating it (implicitly, as MongoDB does on first write). */
  ensure(db: string, name: string, options: Doc = {}): Collection {
    let colls = this.dbs.get(db);
    if (!colls) this.dbs.set(db, (colls = new Map()));
    let coll = colls.get(name);
    if (!coll) {
      validateName(db, name);
      coll = new Collection(db, name, options, this.log);
      colls.set(name, coll);
      this.log({ op: 'create', db, c: name, o: options });
    }
    return coll;
  }

  create(db: string, name: string, options: Doc): void {
    if (this.collection(db, name)) {
      throw new MongoServerError(48, 'NamespaceExists', `Collection ${db}.${name} already exists.`);
    }
    this.ensure(db, name, options);
  }

  drop(db: string, name: string): boolean {
    const existed = this.dbs.get(db)?.delete(name) ?? false;
    if (existed) this.log({ op: 'drop', db, c: name });
    return existed;
  }

  dropDatabase(db: string): void {
    if (this.dbs.delete(db)) this.log({ op: 'dropDb', db });
  }

  /** Resolves once every write so far is durable. */
  commit(): Promise<void> {
    return this.journal.commit();
  }

  private get journalPath(): string {
    return join(this.dbpath, 'journal.bson');
  }

  private get prevJournalPath(): string {
    return join(this.dbpath, 'journal.prev.bson');
  }

  /**
   * Called after each journal flush: once the journal is big (over the threshold, and as big as
   * the last snapshot's documents), rotate it and write a snapshot in the background (the server
   * keeps serving), then drop the previous journal. Waiting for the journal to reach the
   * snapshot's size keeps the snapshots' total cost proportional to what is written: a fixed
   * threshold rewrote the whole store every `compactBytes` of writes (quadratic as it grows).
   * Recovery then replays at most about one snapshot's worth of journal.
   */
  private async maybeCompact(): Promise<void> {
    if (this.journal.size <= Math.max(this.compactBytes, this.snapshotBytes) || this.compaction) return;
    // After a failed snapshot the previous journal is still needed: keep it, and do not rotate.
    if (!existsSync(this.prevJournalPath)) this.journal.rotate(this.prevJournalPath);
    this.compaction = writeSnapshot(this.dbpath, this.dbs, this.snapshotYieldEvery)
      .then((bytes) => {
        this.snapshotBytes = bytes;
        rmSync(this.prevJournalPath, { force: true });
        fsyncDir(this.dbpath);
      })
      .finally(() => (this.compaction = undefined));
    await this.compaction;
  }

  /** Snapshot everything at once, then empty the journal (at start-up). */
  async compact(): Promise<void> {
    this.snapshotBytes = await writeSnapshot(this.dbpath, this.dbs);
    await this.journal.truncate();
    rmSync(this.prevJournalPath, { force: true });
    fsyncDir(this.dbpath);
  }

  /** Resolves once no background snapshot is running. */
  async settled(): Promise<void> {
    while (this.compaction) await this.compaction.catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.compaction?.catch(() => undefined);
    await this.journal.close();
  }
}

function validateName(db: string, name: string): void {
  if (!db || /[/\\. "$]/.test(db))
    throw new MongoServerError(73, 'InvalidNamespace', `Invalid database name: '${db}'`);
  if (!name || name.includes('$') || name.startsWith('.') || name.includes('\0')) {
    throw new MongoServerError(73, 'InvalidNamespace', `Invalid collection name: ${name}`);
  }
  if (name.startsWith('system.')) throw badValue(`system collections are not supported: ${name}`);
}
