#!/bin/sh
# The nightly backup with its rotation: a consistent, integrity-checked copy of the live database
# (npm run cli -- backup, mode 0600) named by its date, then the copies older than BACKUP_KEEP_DAYS
# days removed. Safe while the service runs. Exits non-zero, keeping every old copy, when the
# backup fails.
set -eu
dir="${BACKUP_DIR:-/var/lib/hebergement/backups}"
keep="${BACKUP_KEEP_DAYS:-14}"
case "$keep" in ''|*[!0-9]*) echo "BACKUP_KEEP_DAYS must be a whole number of days" >&2; exit 2 ;; esac
mkdir -p "$dir"
chmod 0700 "$dir"
file="$dir/hebergement-$(date +%Y-%m-%d).sqlite"
tmp="$file.partial"
rm -f "$tmp"
npm run --silent cli -- backup "$tmp"
mv -f "$tmp" "$file"
echo "backup written: $file"
# Rotation, only after a good backup: copies older than $keep days go.
find "$dir" -maxdepth 1 -type f -name 'hebergement-*.sqlite' -mtime +"$keep" -print -delete
