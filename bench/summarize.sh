#!/usr/bin/env bash
# Turns bench/run.sh's results.tsv into the markdown summary: every service figure next to PostgreSQL's ceiling for
# the same SQL (pgbench), as a ratio, the p99 next to pgbench's average latency, the replica runs (--replica), and the
# issue's targets as met/missed.
#   summarize.sh results.tsv startup-ms peak-rss-mb generate-seconds round-trip-note
set -euo pipefail
awk -F '\t' -v startup="$2" -v rss="$3" -v gen="$4" -v rt="$5" '
NR == 1 { next }
$1 == "pgbench" { tps[$2 "/" $3] = $4; lat[$2 "/" $3] = $5; pgcpu[$2 "/" $3] = $10; client[$2 "/" $3] = $13; txs[$2 "/" $3] = $14; next }
$1 == "primary-only" { nrep++; rkey[nrep] = $2 "/" $3; rbase[$2 "/" $3] = $0; next }
$1 == "replica" { rrep[$2 "/" $3] = $0; next }
$1 == "postgraphile" { ngql++; gql[$3] = $4; gqlp99[$3] = $6; gqlerr[$3] = $7; gqlcpu[$3] = $9; next }
$1 == "pgapi" { rows[++n] = $0; if ($11 > maxrss) maxrss = $11 }
function ratio(a, b) { return b > 0 ? sprintf("%.2f×", a / b) : "n/a" }
END {
  print "| scenario | conns | req/s | p50 ms | p99 ms | errors | service CPU µs/req | allocated KB/req | peak RSS MB | pgbench PostgREST tx/s | ratio | pgbench pgapi tx/s | ratio | p99 ÷ pgbench PostgREST avg latency |"
  print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for (i = 1; i <= n; i++) {
    split(rows[i], f, "\t")
    pr = tps["postgrest_" f[2] "/" f[3]]; pa = tps["pgapi_" f[2] "/" f[3]]
    pl = lat["postgrest_" f[2] "/" f[3]]
    printf "| %s | %s | %.0f | %.2f | %.2f | %s | %s | %s | %s | %.0f | %s | %.0f | %s | %s |\n", f[2], f[3], f[4], f[5], f[6], f[7],
      f[9], f[12], f[11], pr, ratio(f[4], pr), pa, ratio(f[4], pa), (pl > 0 ? sprintf("%.2f / %.2f ms = %s", f[6], pl, ratio(f[6], pl)) : "n/a")
    if (f[3] == 64 && pl > 0) tail[f[2]] = f[6] / pl
    if (f[2] == "single") { single[f[3]] = f[4]; singlep99[f[3]] = f[6]; singleerr[f[3]] = f[7] }
    if (f[2] == "custom") custom[f[3]] = f[4]
    if (pr > 0) other[f[2] "/" f[3]] = f[4] / pr
    errors += f[7]; if (f[6] > maxp99[f[2]]) maxp99[f[2]] = f[6]
  }
  if (ngql > 0) {
    print ""
    print "| PostGraphile 4, same single-row read over GraphQL | conns | req/s | p99 ms | errors | CPU µs/req | pgapi single ÷ PostGraphile |"
    print "|---|---:|---:|---:|---:|---:|---:|"
    for (c in gql) printf "| bookById(id) with a JWT | %s | %.0f | %.2f | %s | %s | %s |\n", c, gql[c], gqlp99[c], gqlerr[c], gqlcpu[c], ratio(single[c], gql[c])
  }
  # where the CPU of the two shared cores goes: the service share is what the service itself can win back
  cpurows = ""
  for (i = 1; i <= n; i++) {
    split(rows[i], f, "\t")
    k = "pgapi_" f[2] "/" f[3]
    if (!(k in txs) || txs[k] == 0 || f[14] == 0) continue
    pgreq = f[10] * 1e6 / f[14]; pgtx = pgcpu[k] * 1e6 / txs[k]
    # if the service cost no CPU at all, requests/s over the pgbench tx/s could reach at most about this (same cores)
    best = (pgtx + client[k]) / (pgreq + f[13])
    cpurows = cpurows sprintf("| %s | %s | %s | %s | %.0f | %.0f | %s | %s | %.2f× |\n", f[2], f[3], f[9], f[13], pgreq, pgtx,
      client[k], ratio(f[4], tps[k]), best)
    own[f[2] "/" f[3]] = f[4] / tps[k]
  }
  if (cpurows != "") {
    print ""
    print "CPU per request on the shared cores, against pgbench running the statements pgapi sends (µs):"
    print ""
    print "| scenario | conns | service | wrk | PostgreSQL per request | PostgreSQL per pgbench tx | pgbench client | req/s ÷ own tx/s | bound with a free service |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf "%s", cpurows
  }
  if (nrep > 0) {
    print ""
    print "Read replica (--replica): one service with db-read-uris, each run once with every read on the primary (Pgapi-Read: primary) and once with the reads on the replica (pgapi sends reads to the replicas in rotation; the primary keeps the writes); PostgreSQL CPU counts both servers."
    print ""
    print "| scenario | conns | primary only req/s | p99 ms | with replica req/s | p99 ms | ratio | errors | PostgreSQL CPU s (primary only / with replica) |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for (i = 1; i <= nrep; i++) {
      k = rkey[i]; split(rbase[k], b, "\t"); split(rrep[k], r, "\t")
      printf "| %s | %s | %.0f | %.2f | %.0f | %.2f | %s | %d | %s / %s |\n", b[2], b[3], b[4], b[6], r[4], r[6], ratio(r[4], b[4]),
        b[7] + r[7], b[10], r[10]
    }
  }
  print ""
  print "Targets:"
  for (c in single) {
    ceiling = tps["postgrest_single/" c] + 0
    verdict = ceiling > 0 ? sprintf("%.2f× pgbench PostgREST tx (target ≥ 1.50×: %s)", single[c] / ceiling,
      (single[c] / ceiling >= 1.5 ? "met" : "missed")) : "pgbench not run (target ≥ 1.50×: not measured)"
    printf "- single row by PK with a JWT, %s connections: %s, p99 %.2f ms (< 20: %s), errors %d\n",
      c, verdict, singlep99[c], (singlep99[c] < 20 ? "met" : "missed"), singleerr[c]
    if (c in custom) printf "- the same read as a hand-written jOOQ endpoint, %s connections: %.2f× single (target ≥ 0.85×: %s)\n", c, custom[c] / single[c], (custom[c] / single[c] >= 0.85 ? "met" : "missed")
    if (c in gql) printf "- single row vs PostGraphile, %s connections: %.2f× (target ≥ 5×: %s)\n", c, single[c] / gql[c], (single[c] / gql[c] >= 5 ? "met" : "missed")
  }
  for (k in other) if (k !~ /^single/) printf "- %s: %.2f× pgbench PostgREST tx (target ≥ 1.00×: %s)\n", k, other[k], (other[k] >= 1 ? "met" : "missed")
  for (k in own) printf "- %s: %.2f× pgbench running the statements pgapi sends (target ≥ 0.85×: %s)\n", k, own[k], (own[k] >= 0.85 ? "met" : "missed")
  for (s in tail) printf "- latency tail of %s at 64 connections: p99 %.2f× pgbench PostgREST average latency (target ≤ 1.50×: %s)\n", s, tail[s], (tail[s] <= 1.5 ? "met" : "missed")
  printf "- errors across all pgapi runs: %d (target 0: %s)\n", errors, (errors == 0 ? "met" : "missed")
  printf "- startup to first served request: %s ms) (target < 1000 ms: %s)\n", startup, (startup + 0 < 1000 ? "met" : "missed")
  printf "- peak RSS under load: %d MB (target < 300: %s)\n", rss, (rss < 300 ? "met" : "missed")
  printf "- pgapi:generate on 500 tables: %s (target < 30 s: %s)\n", (gen == "failed" ? "failed (see generate-500.log)" : gen == "n/a" ? gen : gen " s"), (gen == "n/a" ? "not run" : gen == "failed" ? "not measured" : (gen + 0 < 30 ? "met" : "missed"))
  printf "- statements per single-row read: %s\n", rt
}' "$1"
