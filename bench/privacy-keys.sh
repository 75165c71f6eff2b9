# Sourced by the benchmark scripts: fixed personal-data keys for the throwaway benchmark databases
# (the postgres profile refuses to start without keys). Public on purpose; never use them for real data.
# Environment names follow Spring's rule: dots become underscores, dashes go (index-keys: INDEXKEYS).
export GUANXI_PRIVACY_KEYS_BENCH=${GUANXI_PRIVACY_KEYS_BENCH:-qDXHPa9RLcVxyf1fG8PwvKLo8yNPBvWfqM7HcvxIwEY=}
export GUANXI_PRIVACY_ACTIVEKEY=${GUANXI_PRIVACY_ACTIVEKEY:-bench}
export GUANXI_PRIVACY_INDEXKEYS_BENCH=${GUANXI_PRIVACY_INDEXKEYS_BENCH:-Vb1Ju4Ox+0nC3Jc1ykVZQ3nyJYdwGJ6BjrGVq46ttEM=}
export GUANXI_PRIVACY_ACTIVEINDEXKEY=${GUANXI_PRIVACY_ACTIVEINDEXKEY:-bench}
