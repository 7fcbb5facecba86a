#!/bin/sh
# align.sh CHUNK REFERENCE: for each read, the number of reference lines containing it.
while read -r read; do
  printf '%s %s\n' "$read" "$(grep -c -- "$read" "$2")"
done < "$1"
