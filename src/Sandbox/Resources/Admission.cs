using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Json;

namespace ChatOpsRelease.Sandbox.Resources;

/// <summary>
/// Turns a client's object into the stored one, like the API server's create/update strategies:
/// system metadata, defaults, generation, status handling and validation. Called under the store lock.
/// </summary>
internal sealed class Admission(TimeProvider time)
{
    private int _nextClusterIp = 10;

    public JsonObject PrepareCreate(ResourceType type, string @namespace, JsonObject input)
    {
        var obj = WithTypeMeta(type, input);
        var meta = obj.Metadata();
        if (meta.Str("name") is null or "" && meta.Str("generateName") is { Length: > 0 } prefix)
        {
            meta["name"] = prefix + Names.RandomSuffix();
        }

        SetNamespace(type, @namespace, meta);
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = JsonNodes.Timestamp(time.GetUtcNow());
        meta.Remove("resourceVersion");
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        if (type == ResourceTypes.Deployment)
        {
            meta["generation"] = 1;
            obj["status"] = new JsonObject();
        }
        else if (type == ResourceTypes.Pod)
        {
            obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" };
        }
        else if (type == ResourceTypes.Service)
        {
            obj["status"] = new JsonObject();
        }
        else if (type == ResourceTypes.Namespace)
        {
            meta.Child("labels")["kubernetes.io/metadata.name"] = meta.Str("name");
            obj.Child("spec")["finalizers"] = new JsonArray("kubernetes");
            obj["status"] = new JsonObject { ["phase"] = "Active" };
        }
        else if (type == ResourceTypes.Ingress)
        {
            // The ingress controller's load balancer address, as if it had already picked the Ingress up.
            meta["generation"] = 1;
            obj["status"] = NetworkingDefaults.IngressStatus();
        }
        else if (type.Custom)
        {
            // A CRD with a status subresource drops the status a client sends on create.
            meta["generation"] = 1;
            obj.Remove("status");
        }

        ApplyDefaults(type, obj);
        Validation.Validate(type, obj, null);
        return obj;
    }

    public JsonObject PrepareUpdate(ResourceType type, JsonObject current, JsonObject desired, bool statusOnly)
    {
        if (statusOnly)
        {
            var withStatus = current.Copy();
            withStatus["status"] = desired["status"]?.DeepClone() ?? new JsonObject();
            return withStatus;
        }

        var obj = WithTypeMeta(type, desired);
        var meta = obj.Metadata();
        var currentMeta = current.Metadata();
        CheckPreconditions(type, current, meta);
        foreach (var key in (string[])["name", "namespace", "uid", "creationTimestamp", "generation"])
        {
            if (currentMeta[key] is { } kept)
            {
                meta[key] = kept.DeepClone();
            }
            else
            {
                meta.Remove(key);
            }
        }

        if (!type.Namespaced)
        {
            meta.Remove("namespace");
        }

        meta.Remove("resourceVersion");
        if (current["status"] is { } status)
        {
            obj["status"] = status.DeepClone();
        }
        else
        {
            obj.Remove("status");
        }

        if (type == ResourceTypes.Service)
        {
            var spec = obj.Child("spec");
            var oldSpec = current.ChildOrNull("spec");
            spec["clusterIP"] ??= oldSpec?["clusterIP"]?.DeepClone();
            spec["clusterIPs"] ??= oldSpec?["clusterIPs"]?.DeepClone();
        }

        ApplyDefaults(type, obj);
        if (meta["generation"] is not null && !JsonNodes.SameAs(obj["spec"], current["spec"]))
        {
            meta["generation"] = (currentMeta.Long("generation") ?? 1) + 1;
        }

        Validation.Validate(type, obj, current);
        return obj;
    }

    private static void CheckPreconditions(ResourceType type, JsonObject current, JsonObject meta)
    {
        var name = current.Name();
        var resourceVersion = meta.Str("resourceVersion");
        if (!string.IsNullOrEmpty(resourceVersion) && resourceVersion != current.ChildOrNull("metadata").Str("resourceVersion"))
        {
            throw StatusObjects.Conflict(type, name);
        }

        var uid = meta.Str("uid");
        if (!string.IsNullOrEmpty(uid) && uid != current.Uid())
        {
            throw StatusObjects.PreconditionConflict(
                type, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current.Uid()}");
        }
    }

    /// <summary>Checks kind/apiVersion against the endpoint and returns a copy that starts with them.</summary>
    private static JsonObject WithTypeMeta(ResourceType type, JsonObject input)
    {
        var kind = input.Str("kind");
        if (type.Custom)
        {
            // Custom resources are decoded without a default kind: both type fields must be in the body.
            if (string.IsNullOrEmpty(kind))
            {
                throw StatusObjects.BadRequest($"Object 'Kind' is missing in '{input.ToWire()}'");
            }

            if (string.IsNullOrEmpty(input.Str("apiVersion")))
            {
                throw StatusObjects.BadRequest($"Object 'apiVersion' is missing in '{input.ToWire()}'");
            }
        }

        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
        {
            throw StatusObjects.BadRequest($"the kind of the object ({kind}) does not match the resource on the request ({type.Kind})");
        }

        var apiVersion = input.Str("apiVersion");
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != type.ApiVersion)
        {
            throw StatusObjects.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }

        var result = new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion };
        foreach (var (key, value) in input)
        {
            if (key is not "kind" and not "apiVersion")
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    private static void SetNamespace(ResourceType type, string @namespace, JsonObject meta)
    {
        if (!type.Namespaced)
        {
            meta.Remove("namespace");
            return;
        }

        var given = meta.Str("namespace");
        if (!string.IsNullOrEmpty(given) && given != @namespace)
        {
            throw StatusObjects.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        meta["namespace"] = @namespace;
    }

    private void ApplyDefaults(ResourceType type, JsonObject obj)
    {
        if (type == ResourceTypes.Deployment)
        {
            Defaults.ApplyDeployment(obj);
        }
        else if (type == ResourceTypes.Pod)
        {
            Defaults.ApplyPod(obj);
        }
        else if (type == ResourceTypes.Service)
        {
            Defaults.ApplyService(obj, AllocateClusterIp);
        }
        else if (type == ResourceTypes.HttpRoute)
        {
            NetworkingDefaults.ApplyHttpRoute(obj);
        }
    }

    private string AllocateClusterIp()
    {
        var n = _nextClusterIp++;
        return string.Create(CultureInfo.InvariantCulture, $"10.96.{n / 250 % 250}.{n % 250 + 1}");
    }
}
