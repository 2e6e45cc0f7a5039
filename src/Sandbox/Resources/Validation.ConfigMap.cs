using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsRelease.Sandbox.Json;

namespace ChatOpsRelease.Sandbox.Resources;

/// <summary>ConfigMap decoding and validation, worded like the API server's (core/v1).</summary>
internal static partial class Validation
{
    /// <summary>The most bytes a ConfigMap's data and binaryData may hold together (the API server's MaxSecretSize).</summary>
    public const int MaxConfigMapBytes = 1024 * 1024;

    private const string ConfigMapKeyMessage =
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

    private static readonly System.Buffers.SearchValues<char> Base64Alphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");

    private const string ImmutableMessage = "Forbidden: field is immutable when `immutable` is set";

    private static void ValidateConfigMap(JsonObject configMap, JsonObject? old, List<FieldError> errors)
    {
        var data = DecodeStrings(configMap, "data");
        var binary = DecodeStrings(configMap, "binaryData");
        long size = 0;
        foreach (var (key, value) in data.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            ValidateConfigKey($"data[{key}]", key, errors);
            if (binary.ContainsKey(key))
            {
                errors.Add(FieldError.InvalidValue($"data[{key}]", $"\"{key}\"", "duplicate of key present in binaryData"));
            }

            size += Encoding.UTF8.GetByteCount(value);
        }

        foreach (var (key, value) in binary.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            ValidateConfigKey($"binaryData[{key}]", key, errors);
            size += DecodeBase64(value).Length;
        }

        if (size > MaxConfigMapBytes)
        {
            errors.Add(new FieldError("[]", "FieldValueTooLong", $"Too long: may not be more than {MaxConfigMapBytes} bytes"));
        }

        if (old?.Bool("immutable") == true)
        {
            if (configMap.Bool("immutable") != true)
            {
                errors.Add(new FieldError("immutable", "FieldValueForbidden", ImmutableMessage));
            }

            foreach (var field in (string[])["data", "binaryData"])
            {
                if (!JsonNodes.SameAs(Normalized(configMap[field]), Normalized(old[field])))
                {
                    errors.Add(new FieldError(field, "FieldValueForbidden", ImmutableMessage));
                }
            }
        }
    }

    private static void ValidateConfigKey(string field, string key, List<FieldError> errors)
    {
        var messages = new List<string>();
        if (key.Length > 253)
        {
            messages.Add("must be no more than 253 characters");
        }

        if (!ConfigMapKey().IsMatch(key))
        {
            messages.Add(ConfigMapKeyMessage);
        }

        if (key is "." or "..")
        {
            messages.Add($"must not be '{key}'");
        }
        else if (key.StartsWith("..", StringComparison.Ordinal))
        {
            messages.Add("must not start with '..'");
        }

        errors.AddRange(messages.Select(m => FieldError.InvalidValue(field, $"\"{key}\"", m)));
    }

    /// <summary>
    /// The string map at <paramref name="field"/>; 400 BadRequest when the body could not be decoded into a ConfigMap,
    /// as the API server answers (a value that is not a string, a binaryData value that is not base64). A null value
    /// decodes to "".
    /// </summary>
    private static Dictionary<string, string> DecodeStrings(JsonObject configMap, string field)
    {
        var goType = field == "data" ? "string" : "[]uint8";
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (configMap[field])
        {
            case null:
                return result;
            case JsonObject map:
                foreach (var (key, value) in map.ToList())
                {
                    if (value is null)
                    {
                        map[key] = "";
                    }
                    else if (value.GetValueKind() != JsonValueKind.String)
                    {
                        throw CannotDecode($"json: cannot unmarshal {GoKind(value)} into Go struct field ConfigMap.{field} of type {goType}");
                    }

                    result[key] = JsonNodes.AsString(map[key]) ?? "";
                }

                return result;
            case var other:
                throw CannotDecode($"json: cannot unmarshal {GoKind(other)} into Go struct field ConfigMap.{field} of type map[string]{goType}");
        }
    }

    private static byte[] DecodeBase64(string value)
    {
        var text = value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        var buffer = new byte[text.Length];
        if (text.Length % 4 == 0 && Convert.TryFromBase64String(text, buffer, out var written))
        {
            return buffer[..written];
        }

        var bad = text.AsSpan().IndexOfAnyExcept(Base64Alphabet);
        var at = bad >= 0 ? bad : text.Length / 4 * 4;
        throw CannotDecode($"illegal base64 data at input byte {at}");
    }

    private static ApiException CannotDecode(string detail) =>
        StatusObjects.BadRequest($"ConfigMap in version \"v1\" cannot be handled as a ConfigMap: {detail}");

    private static string GoKind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "string",
    };

    /// <summary>An empty map and no map are the same content.</summary>
    private static JsonNode? Normalized(JsonNode? map) => map is JsonObject { Count: 0 } ? null : map;

    [GeneratedRegex(@"^[-._a-zA-Z0-9]+\z")]
    private static partial Regex ConfigMapKey();
}
