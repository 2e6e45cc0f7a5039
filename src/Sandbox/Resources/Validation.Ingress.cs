using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;

namespace ChatOpsRelease.Sandbox.Resources;

/// <summary>Ingress validation, worded like the API server's (networking/v1).</summary>
internal static partial class Validation
{
    private const string WildcardSubdomainMessage =
        "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private static readonly string[] IngressPathTypes = ["Exact", "ImplementationSpecific", "Prefix"];

    private static void ValidateIngress(JsonObject ingress, List<FieldError> errors)
    {
        var spec = ingress.ChildOrNull("spec");
        var rules = spec.ArrayOrNull("rules") ?? [];
        var defaultBackend = spec.ChildOrNull("defaultBackend");
        if (rules.Count == 0 && defaultBackend is null)
        {
            errors.Add(FieldError.InvalidValue("spec", "\"\"", "either `defaultBackend` or `rules` must be specified"));
        }

        if (defaultBackend is not null)
        {
            ValidateIngressBackend(defaultBackend, "spec.defaultBackend", errors);
        }

        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i] as JsonObject;
            var at = $"spec.rules[{i}]";
            ValidateIngressHost(rule.Str("host"), $"{at}.host", errors);
            if (rule.ChildOrNull("http") is not { } http)
            {
                continue;
            }

            var paths = http.ArrayOrNull("paths");
            if (paths is null || paths.Count == 0)
            {
                errors.Add(FieldError.Required($"{at}.http.paths"));
                continue;
            }

            for (var j = 0; j < paths.Count; j++)
            {
                ValidateIngressPath(paths[j] as JsonObject, $"{at}.http.paths[{j}]", errors);
            }
        }
    }

    private static void ValidateIngressPath(JsonObject? path, string at, List<FieldError> errors)
    {
        var pathType = path.Str("pathType");
        var value = path.Str("path") ?? "";
        if (string.IsNullOrEmpty(pathType))
        {
            errors.Add(FieldError.Required($"{at}.pathType", "pathType must be specified"));
        }
        else if (!IngressPathTypes.Contains(pathType))
        {
            errors.Add(FieldError.NotSupported($"{at}.pathType", pathType, IngressPathTypes));
        }
        else if (pathType is "Exact" or "Prefix" && !value.StartsWith('/'))
        {
            errors.Add(FieldError.InvalidValue($"{at}.path", $"\"{value}\"", "must be an absolute path"));
        }

        ValidateIngressBackend(path.ChildOrNull("backend"), $"{at}.backend", errors);
    }

    private static void ValidateIngressBackend(JsonObject? backend, string at, List<FieldError> errors)
    {
        var service = backend.ChildOrNull("service");
        var hasResource = backend.ChildOrNull("resource") is not null;
        if (service is null)
        {
            if (!hasResource)
            {
                errors.Add(FieldError.InvalidValue(at, "\"\"", "resource or service backend is required"));
            }

            return;
        }

        if (hasResource)
        {
            errors.Add(FieldError.InvalidValue(at, "\"\"", "cannot set both resource and service backends"));
            return;
        }

        var name = service.Str("name") ?? "";
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required($"{at}.service.name"));
        }
        else if (name.Length > 63 || !Dns1035Label().IsMatch(name))
        {
            errors.Add(FieldError.InvalidValue($"{at}.service.name", $"\"{name}\"", Dns1035LabelMessage));
        }

        var port = service.ChildOrNull("port");
        var portName = port.Str("name") ?? "";
        var number = port.Long("number") ?? 0;
        if (portName.Length > 0 && number != 0)
        {
            errors.Add(FieldError.InvalidValue($"{at}.service.port", "\"\"", "cannot set both port name & port number"));
        }
        else if (number is < 0 or > 65535)
        {
            errors.Add(FieldError.InvalidValue(
                $"{at}.service.port.number", number.ToString(CultureInfo.InvariantCulture), "must be between 1 and 65535, inclusive"));
        }
        else if (number == 0 && portName.Length == 0)
        {
            errors.Add(FieldError.Required($"{at}.service.port", "port name or number is required"));
        }
    }

    private static void ValidateIngressHost(string? host, string field, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(host))
        {
            return;
        }

        var shown = $"\"{host}\"";
        if (IPAddress.TryParse(host, out _) && (host.Contains(':', StringComparison.Ordinal) || host.Count(c => c == '.') == 3))
        {
            errors.Add(FieldError.InvalidValue(field, shown, "must be a DNS name, not an IP address"));
            return;
        }

        var wildcard = host.StartsWith("*.", StringComparison.Ordinal);
        var name = wildcard ? host[2..] : host;
        if (host.Length > 253 || !Dns1123Subdomain().IsMatch(name))
        {
            errors.Add(FieldError.InvalidValue(field, shown, wildcard ? WildcardSubdomainMessage : Dns1123SubdomainMessage));
        }
    }
}
