#!/usr/bin/env bash
# CPU cost of encrypting and hashing a customer's personal data (docs/privacy.md), measured as
# thread CPU time so that other load on the machine does not count. Needs compiled classes
# (./mvnw compile). Usage: bench/field-cipher.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
javac -cp target/classes -d "$out" bench/FieldCipherCost.java
java -cp "target/classes:$out" FieldCipherCost
printf 'command: bench/field-cipher.sh (%s cores, %s)\n' "$(nproc)" "$(java -version 2>&1 | head -n 1)"
