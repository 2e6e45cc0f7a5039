using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Tests.Chat;

/// <summary>
/// Malformed platform bodies from one seed, made from a well-formed one: fields dropped, nulled, given another type,
/// made huge, nested deep, renamed to unknown types; JSON cut short, a property repeated, a lone surrogate escaped,
/// or no JSON at all. Form bodies get the same treatment field by field.
/// </summary>
internal sealed class HostilePayloads(int seed)
{
    /// <summary>Texts people might send, hostile ones included, for the fields that carry a command.</summary>
    public static readonly string[] Texts =
    [
        "deploy checkout v2.0.0", "promote canary 50%", "rollback checkout", "freeze all <!channel> *boom*", "status", "help", "",
        "<@U0BOT> deploy checkout v9", "<!channel>", "<https://evil.example|click>", "&lt;script&gt;", "<script>alert(1)</script>",
        "`", "```", "x`y", "\u202edeploy", "\u0000", "\u001b[2J", "promote checkout 1e9%", "route checkout header X=<!here>",
        "<at>ChatOpsRelease</at> deploy checkout v2.0.0", "[click](https://evil.example)", new string('a', 5000), "🚀🚀", "\ud800",
    ];

    private readonly Random _random = new(seed);

    /// <summary>A JSON body made from <paramref name="valid"/> (left untouched).</summary>
    public string Json(JsonObject valid)
    {
        var body = (JsonObject)valid.DeepClone();
        switch (_random.Next(16))
        {
            case 0:
                return Cut(body.ToJsonString());
            case 1:
                return Pick(["", "null", "[]", "123", "\"text\"", "{", "{}", "{\"type\":}", "[{}]", "true", new string('[', 200) + new string(']', 200)]);
            case 2:
                return Encoding.UTF8.GetString(Bytes(_random.Next(1, 200)));
            case 3:
                return RepeatProperty(body.ToJsonString());
            case 4:
                return LoneSurrogate(body);
            default:
                for (var i = _random.Next(1, 4); i > 0; i--)
                {
                    Mutate(body);
                }

                return body.ToJsonString();
        }
    }

    /// <summary>A form body (<c>a=b&amp;c=d</c>) made from <paramref name="valid"/>.</summary>
    public string Form(IReadOnlyDictionary<string, string> valid)
    {
        var fields = valid.ToList();
        switch (_random.Next(10))
        {
            case 0:
                return Cut(Encode(fields));
            case 1:
                return Pick(["", "=", "&&&", "%", "%zz=%", "text", "a=b=c", "payload", "payload=%7B", "text=%E0%A4%A"]);
            case 2:
                return Encoding.UTF8.GetString(Bytes(_random.Next(1, 200)));
            default:
                for (var i = _random.Next(1, 4); i > 0; i--)
                {
                    var at = _random.Next(fields.Count);
                    switch (_random.Next(5))
                    {
                        case 0:
                            fields.RemoveAt(at);
                            break;
                        case 1:
                            fields.Add(fields[at]);
                            break;
                        case 2:
                            fields[at] = new(fields[at].Key, Pick(Texts));
                            break;
                        case 3:
                            fields[at] = new(fields[at].Key, new string('x', _random.Next(1, 200_000)));
                            break;
                        default:
                            fields.Add(new(Pick(["payload", "command", "text", "user_id", "unknown", ""]), Pick(Texts)));
                            break;
                    }

                    if (fields.Count == 0)
                    {
                        break;
                    }
                }

                return Encode(fields);
        }
    }

    /// <summary>One change somewhere in the tree: a field dropped, nulled, retyped, made huge or deep, or a string replaced.</summary>
    private void Mutate(JsonObject root)
    {
        var (parent, key) = PickProperty(root);
        if (parent is null)
        {
            root[Pick(["type", "text", "value", "actions", "event", "from"])] = Value();
            return;
        }

        switch (_random.Next(7))
        {
            case 0:
                parent.Remove(key!);
                break;
            case 1:
                parent[key!] = null;
                break;
            case 2:
                parent[key!] = Value();
                break;
            case 3:
                parent[key!] = new string('x', _random.Next(1000, 300_000));
                break;
            case 4:
                parent[key!] = Deep(_random.Next(5, 60));
                break;
            case 5:
                parent[key!] = key is "type" or "name" ? Pick(["message", "invoke", "event_callback", "block_actions", "unknown", "MESSAGE", "conversationUpdate", "installationUpdate", "url_verification", "app_mention"]) : Pick(Texts);
                break;
            default:
                parent[Pick(["type", "text", "unknown", "id", "value", "user", "channel"])] = Value();
                break;
        }
    }

    /// <summary>A value of any JSON type.</summary>
    private JsonNode? Value() => _random.Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(int.MinValue, int.MaxValue)),
        2 => JsonValue.Create(_random.NextDouble() * 1e300),
        3 => JsonValue.Create(_random.Next(2) == 0),
        4 => new JsonArray(Pick(Texts), 1, null, new JsonObject()),
        5 => new JsonObject { ["id"] = 7, ["text"] = new JsonArray() },
        6 => new JsonArray(),
        _ => JsonValue.Create(Pick(Texts)),
    };

    private static JsonNode Deep(int depth)
    {
        JsonNode node = new JsonObject { ["command"] = "deploy checkout v9" };
        for (var i = 0; i < depth; i++)
        {
            node = i % 2 == 0 ? new JsonObject { ["action"] = node, ["data"] = new JsonObject { ["command"] = "status" } } : new JsonArray(node);
        }

        return node;
    }

    /// <summary>A property anywhere in the tree, found by a random walk from the root (null when the root is empty).</summary>
    private (JsonObject? Parent, string? Key) PickProperty(JsonObject root)
    {
        JsonObject? parent = null;
        string? key = null;
        JsonNode? node = root;
        while (node is JsonObject current && current.Count > 0)
        {
            var property = current.ElementAt(_random.Next(current.Count));
            (parent, key) = (current, property.Key);
            node = property.Value is JsonArray { Count: > 0 } array ? array[_random.Next(array.Count)] : property.Value;
            if (_random.Next(3) == 0)
            {
                break;
            }
        }

        return (parent, key);
    }

    private string Cut(string text) => text[.._random.Next(text.Length)];

    /// <summary>The body with its first property written twice.</summary>
    private static string RepeatProperty(string json)
    {
        var end = json.IndexOf(",\"", StringComparison.Ordinal);
        return end < 0 ? json : json[..end] + "," + json[1..end] + json[end..];
    }

    /// <summary>The body with one string value replaced by a lone surrogate, as JSON can escape it.</summary>
    private string LoneSurrogate(JsonObject body)
    {
        var (parent, key) = PickProperty(body);
        if (parent is null)
        {
            return "{\"type\":\"\\ud800\"}";
        }

        parent[key!] = "MARK";
        return body.ToJsonString().Replace("\"MARK\"", Pick(["\"\\ud800\"", "\"x\\udfff\"", "\"\\ud83d\\u0041\""]), StringComparison.Ordinal);
    }

    private byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static string Encode(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields.Select(f => $"{WebUtility.UrlEncode(f.Key)}={WebUtility.UrlEncode(f.Value)}"));
}
