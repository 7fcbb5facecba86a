#!/bin/sh
# split.sh FILE N: deals the lines of FILE round-robin into chunk.0 .. chunk.N-1
awk -v n="$2" '{ print > ("chunk." ((NR - 1) % n)) }' "$1"
i=0; while [ "$i" -lt "$2" ]; do touch "chunk.$i"; i=$((i + 1)); done
