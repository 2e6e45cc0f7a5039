using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsRelease.Sandbox.Json;

namespace ChatOpsRelease.Sandbox.Resources;

/// <summary>
/// HTTPRoute validation: the parts of the Gateway API CRD's OpenAPI schema and CEL rules that a router is likely to
/// trip over, worded like the API server's schema validation.
/// </summary>
internal static partial class Validation
{
    private const string HostnamePattern = @"^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    private const long MaxWeight = 1_000_000;

    private static readonly string[] HeaderMatchTypes = ["Exact", "RegularExpression"];
    private static readonly string[] PathMatchTypes = ["Exact", "PathPrefix", "RegularExpression"];

    private static void ValidateHttpRoute(JsonObject route, List<FieldError> errors)
    {
        var spec = route.ChildOrNull("spec");
        var parents = spec.ArrayOrNull("parentRefs") ?? [];
        for (var i = 0; i < parents.Count; i++)
        {
            RequireSchemaString(parents[i] as JsonObject, "name", $"spec.parentRefs[{i}]", errors);
        }

        var hostnames = spec.ArrayOrNull("hostnames") ?? [];
        for (var i = 0; i < hostnames.Count; i++)
        {
            var field = $"spec.hostnames[{i}]";
            if (JsonNodes.AsString(hostnames[i]) is not { } hostname)
            {
                errors.Add(TypeError(field, hostnames[i], "string"));
            }
            else if (!GatewayHostname().IsMatch(hostname))
            {
                errors.Add(FieldError.InvalidValue(field, Shown(hostnames[i]), $"{field} in body should match '{HostnamePattern}'"));
            }
        }

        var rules = spec.ArrayOrNull("rules") ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i] as JsonObject;
            var matches = rule.ArrayOrNull("matches") ?? [];
            for (var k = 0; k < matches.Count; k++)
            {
                ValidateRouteMatch(matches[k] as JsonObject, $"spec.rules[{i}].matches[{k}]", errors);
            }

            var backends = rule.ArrayOrNull("backendRefs") ?? [];
            for (var j = 0; j < backends.Count; j++)
            {
                ValidateBackendRef(backends[j] as JsonObject, $"spec.rules[{i}].backendRefs[{j}]", errors);
            }
        }
    }

    private static void ValidateRouteMatch(JsonObject? match, string at, List<FieldError> errors)
    {
        if (match.ChildOrNull("path").Str("type") is { } pathType && !PathMatchTypes.Contains(pathType))
        {
            errors.Add(FieldError.NotSupported($"{at}.path.type", pathType, PathMatchTypes));
        }

        var headers = match.ArrayOrNull("headers") ?? [];
        for (var l = 0; l < headers.Count; l++)
        {
            var header = headers[l] as JsonObject;
            var field = $"{at}.headers[{l}]";
            RequireSchemaString(header, "name", field, errors);
            if (header.Str("type") is { } type && !HeaderMatchTypes.Contains(type))
            {
                errors.Add(FieldError.NotSupported($"{field}.type", type, HeaderMatchTypes));
            }
        }
    }

    private static void ValidateBackendRef(JsonObject? backend, string at, List<FieldError> errors)
    {
        RequireSchemaString(backend, "name", at, errors);
        var weight = backend?["weight"];
        if (weight is not null)
        {
            var field = $"{at}.weight";
            if (JsonNodes.AsLong(weight) is not { } value)
            {
                errors.Add(TypeError(field, weight, "integer"));
            }
            else if (value < 0)
            {
                errors.Add(FieldError.InvalidValue(field, Shown(weight), $"{field} in body should be greater than or equal to 0"));
            }
            else if (value > MaxWeight)
            {
                var limit = MaxWeight.ToString(CultureInfo.InvariantCulture);
                errors.Add(FieldError.InvalidValue(field, Shown(weight), $"{field} in body should be less than or equal to {limit}"));
            }
        }

        if (backend.Str("group") is null or "" && backend.Str("kind") is null or "Service" && backend?["port"] is null)
        {
            errors.Add(FieldError.InvalidValue(at, "\"object\"", "Must have port for Service reference"));
        }
    }

    /// <summary>A string property that the schema requires, with <c>minLength: 1</c>.</summary>
    private static void RequireSchemaString(JsonObject? parent, string name, string at, List<FieldError> errors)
    {
        var field = $"{at}.{name}";
        var node = parent?[name];
        if (node is null)
        {
            errors.Add(FieldError.Required(field));
        }
        else if (JsonNodes.AsString(node) is not { } value)
        {
            errors.Add(TypeError(field, node, "string"));
        }
        else if (value.Length == 0)
        {
            errors.Add(FieldError.InvalidValue(field, "\"\"", $"{field} in body should be at least 1 chars long"));
        }
    }

    private static FieldError TypeError(string field, JsonNode? node, string expected)
    {
        var actual = node?.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Array => "array",
            JsonValueKind.Object => "object",
            _ => "null",
        };
        return new FieldError(field, "FieldValueTypeInvalid", $"Invalid value: \"{actual}\": {field} in body must be of type {expected}: \"{actual}\"");
    }

    private static string Shown(JsonNode? node) => node?.ToJsonString() ?? "null";

    [GeneratedRegex(HostnamePattern)]
    private static partial Regex GatewayHostname();
}
