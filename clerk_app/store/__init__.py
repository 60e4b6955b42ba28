"""The workstation's local store: cases, their history, case numbers and accounts in SQLite.

    engine = open_database()          # data_dir()/store.sqlite3, migrated to the newest schema
    cases = CaseStore(engine)
    number = cases.allocate_number(hall.code, hall.window_code, today)
    saved = cases.save(case)          # on disk when it returns: now print the receipt

Nothing here imports Qt; callers run these blocking calls on the database worker.
"""
