"""Nightly backup of the site's database."""

# TODO: keep the last 7 backups only 🔽
def backup():
    print("# TODO: not a task, this is a string")
