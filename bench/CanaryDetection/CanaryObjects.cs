using ChatOpsRelease.Commands.Releases;
using k8s;
using k8s.Models;

namespace ChatOpsRelease.Bench.CanaryDetection;

/// <summary>The objects the nginx router makes for a canary: a Deployment of one pod, its Service and a weighted canary Ingress.</summary>
internal static class CanaryObjects
{
    public static async Task CreateAsync(IKubernetes client, AppSpec app, string image, int weight)
    {
        var labels = new Dictionary<string, string> { ["app"] = app.Deployment, ["track"] = "canary" };
        await client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = app.CanaryDeployment, Labels = labels },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = app.Name, Image = image }] },
                },
            },
        }, app.Namespace);
        await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = app.CanaryService },
            Spec = new V1ServiceSpec { Selector = labels, Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = 8080 }] },
        }, app.Namespace);
        var backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = app.CanaryService, Port = new V1ServiceBackendPort { Number = 80 } } };
        await client.NetworkingV1.CreateNamespacedIngressAsync(new V1Ingress
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"{app.Entry}-canary",
                Annotations = new Dictionary<string, string>
                {
                    ["nginx.ingress.kubernetes.io/canary"] = "true",
                    ["nginx.ingress.kubernetes.io/canary-weight"] = weight.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            },
            Spec = new V1IngressSpec
            {
                IngressClassName = "nginx",
                Rules = [new V1IngressRule
                {
                    Host = "payments.example",
                    Http = new V1HTTPIngressRuleValue { Paths = [new V1HTTPIngressPath { Path = "/", PathType = "Prefix", Backend = backend }] },
                }],
            },
        }, app.Namespace);
    }
}
