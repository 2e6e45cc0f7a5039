using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOpsRelease.Sandbox.Json;
using ChatOpsRelease.Sandbox.Selectors;

namespace ChatOpsRelease.Sandbox.Resources;

/// <summary>The subset of API server validation the sandbox enforces; failures become 422 Invalid.</summary>
internal static partial class Validation
{
    private const string Dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string Dns1123LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    private const string Dns1035LabelMessage =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    /// <summary>Validates <paramref name="obj"/> (after defaulting); <paramref name="old"/> is set on updates.</summary>
    public static void Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        var errors = new List<FieldError>();
        ValidateName(type, obj.Name(), errors);
        if (type == ResourceTypes.Deployment)
        {
            ValidateDeployment(obj, old, errors);
        }
        else if (type == ResourceTypes.Pod)
        {
            ValidateContainers(obj.ChildOrNull("spec"), "spec", errors);
        }
        else if (type == ResourceTypes.Service)
        {
            ValidateService(obj, errors);
        }
        else if (type == ResourceTypes.Ingress)
        {
            ValidateIngress(obj, errors);
        }
        else if (type == ResourceTypes.HttpRoute)
        {
            ValidateHttpRoute(obj, errors);
        }
        else if (type == ResourceTypes.ConfigMap)
        {
            ValidateConfigMap(obj, old, errors);
        }

        if (errors.Count > 0)
        {
            throw StatusObjects.Invalid(type, obj.Name(), errors);
        }
    }

    private static void ValidateName(ResourceType type, string name, List<FieldError> errors)
    {
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required("metadata.name", "name or generateName is required"));
            return;
        }

        var (ok, message) = type == ResourceTypes.Service
            ? (name.Length <= 63 && Dns1035Label().IsMatch(name), Dns1035LabelMessage)
            : type == ResourceTypes.Namespace
                ? (name.Length <= 63 && Dns1123Label().IsMatch(name), Dns1123LabelMessage)
                : (name.Length <= 253 && Dns1123Subdomain().IsMatch(name), Dns1123SubdomainMessage);
        if (!ok)
        {
            errors.Add(FieldError.InvalidValue("metadata.name", $"\"{name}\"", message));
        }
    }

    private static void ValidateDeployment(JsonObject deployment, JsonObject? old, List<FieldError> errors)
    {
        var spec = deployment.ChildOrNull("spec");
        var replicas = spec?["replicas"];
        if (replicas is not null && !JsonNodes.IsNumber(replicas))
        {
            errors.Add(FieldError.InvalidValue("spec.replicas", replicas.ToJsonString(), "must be an integer"));
        }
        else if (JsonNodes.AsLong(replicas) is < 0 and var negative)
        {
            errors.Add(FieldError.InvalidValue(
                "spec.replicas", negative.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to 0"));
        }

        var selector = spec.ChildOrNull("selector");
        var template = spec.ChildOrNull("template");
        var templateLabels = JsonNodes.StringMap(template.ChildOrNull("metadata").ChildOrNull("labels"));
        if (selector is null)
        {
            errors.Add(FieldError.Required("spec.selector"));
        }
        else if (SelectorObject.IsEmpty(selector))
        {
            errors.Add(FieldError.InvalidValue("spec.selector", SelectorObject.GoSelector(selector), "empty selector is invalid for deployment"));
        }
        else if (!SelectorObject.Matches(selector, templateLabels))
        {
            errors.Add(FieldError.InvalidValue(
                "spec.template.metadata.labels", SelectorObject.GoMap(templateLabels), "`selector` does not match template `labels`"));
        }

        var oldSelector = old.ChildOrNull("spec").ChildOrNull("selector");
        if (old is not null && !JsonNodes.SameAs(oldSelector, selector))
        {
            errors.Add(FieldError.InvalidValue("spec.selector", SelectorObject.GoSelector(selector), "field is immutable"));
        }

        if (template is null)
        {
            errors.Add(FieldError.Required("spec.template"));
            return;
        }

        ValidateContainers(template.ChildOrNull("spec"), "spec.template.spec", errors);
    }

    private static void ValidateContainers(JsonObject? podSpec, string path, List<FieldError> errors)
    {
        var containers = podSpec.ArrayOrNull("containers");
        if (containers is null || containers.Count == 0)
        {
            errors.Add(FieldError.Required($"{path}.containers"));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i] as JsonObject;
            var name = container.Str("name") ?? "";
            var at = $"{path}.containers[{i}]";
            if (name.Length == 0)
            {
                errors.Add(FieldError.Required($"{at}.name"));
            }
            else if (!Dns1123Label().IsMatch(name) || name.Length > 63)
            {
                errors.Add(FieldError.InvalidValue($"{at}.name", $"\"{name}\"", Dns1123LabelMessage));
            }
            else if (!seen.Add(name))
            {
                errors.Add(new FieldError($"{at}.name", "FieldValueDuplicate", $"Duplicate value: \"{name}\""));
            }

            if (string.IsNullOrWhiteSpace(container.Str("image")))
            {
                errors.Add(FieldError.Required($"{at}.image"));
            }
        }
    }

    private static void ValidateService(JsonObject service, List<FieldError> errors)
    {
        var ports = service.ChildOrNull("spec").ArrayOrNull("ports");
        if (ports is null || ports.Count == 0)
        {
            errors.Add(FieldError.Required("spec.ports"));
            return;
        }

        for (var i = 0; i < ports.Count; i++)
        {
            var port = JsonNodes.AsLong((ports[i] as JsonObject)?["port"]);
            if (port is null or < 1 or > 65535)
            {
                var shown = port?.ToString(CultureInfo.InvariantCulture) ?? "0";
                errors.Add(FieldError.InvalidValue($"spec.ports[{i}].port", shown, "must be between 1 and 65535, inclusive"));
            }
        }
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex(@"^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035Label();
}
