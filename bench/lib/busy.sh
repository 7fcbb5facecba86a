# busy.sh SECONDS OUT: keeps one core busy for SECONDS, then writes OUT.
end=$(( $(date +%s%N) + ${1%.*}000000000 + $(printf '%s' "${1#*.}000000000" | cut -c1-9 | sed 's/^0*//;s/^$/0/') ))
while [ "$(date +%s%N)" -lt "$end" ]; do :; done
echo done > "$2"
