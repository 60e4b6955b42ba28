"""Sync with the back office: the outbox pushed exactly once, decisions pulled from the change feed.

    engine = SyncEngine(store, BackOfficeClient(url, token=token), files_dir)
    summary = engine.run_once()     # blocking: run it on the sync worker, never on the UI thread

Exactly once rests on two facts: a case revision is serialised once when it is saved (the outbox
row holds those bytes), and the back office treats (case id, revision) with the same bytes as a
harmless replay. So every step can be repeated after a crash or a lost reply.
"""
