package io.guanxi.support;

/** Helpers the tier programme's API tests share. */
public final class TierProgrammeJson {

    private TierProgrammeJson() {}

    /** The programme as the API shows it, in the shape the update takes (benefits inline, no rank). */
    public static String flatten(String programme) throws Exception {
        tools.jackson.databind.json.JsonMapper json =
                tools.jackson.databind.json.JsonMapper.builder().build();
        tools.jackson.databind.node.ObjectNode root = (tools.jackson.databind.node.ObjectNode) json.readTree(programme);
        for (tools.jackson.databind.JsonNode tier : root.get("tiers")) {
            tools.jackson.databind.node.ObjectNode t = (tools.jackson.databind.node.ObjectNode) tier;
            tools.jackson.databind.node.ObjectNode benefits =
                    (tools.jackson.databind.node.ObjectNode) t.remove("benefits");
            t.remove("rank");
            t.setAll(benefits);
        }
        return json.writeValueAsString(root);
    }
}
