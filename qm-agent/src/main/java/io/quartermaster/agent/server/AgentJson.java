package io.quartermaster.agent.server;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON mapper the agent speaks with: the protocol records as they are, no annotations needed. */
public final class AgentJson {

    private AgentJson() {}

    public static JsonMapper mapper() {
        // A newer server may add fields to its answers; an older agent reads what it knows.
        return JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }
}
