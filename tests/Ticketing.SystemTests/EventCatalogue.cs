using Mono.Cecil;
using Mono.Cecil.Cil;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Launcher;

namespace Ticketing.SystemTests;

public sealed record Subscription(string PubsubName, string Topic, string Route);

/// <summary>Who publishes and who subscribes to what, read from the apps themselves.</summary>
public static class EventCatalogue
{
    /// <summary>Each service's live <c>GET /dapr/subscribe</c>.</summary>
    public static async Task<Dictionary<string, List<Subscription>>> SubscriptionsAsync(SystemFixture system)
    {
        var subscribed = new Dictionary<string, List<Subscription>>();
        foreach (var service in SystemApps.Services)
        {
            using var client = system.ClientFor(service.AppId);
            subscribed[service.AppId] = await client.GetAsync<List<Subscription>>("dapr/subscribe");
        }
        return subscribed;
    }

    /// <summary>Each service's published topics: every integration event its compiled code constructs.</summary>
    public static Dictionary<string, HashSet<string>> PublishedTopics() =>
        SystemApps.Services.ToDictionary(s => s.AppId, s => PublishedTopics(s.AssemblyName));

    private static HashSet<string> PublishedTopics(string assemblyName)
    {
        var path = BuildOutput.AssemblyPath(assemblyName);
        using var module = ModuleDefinition.ReadModule(path);
        return module.GetTypes()
            .SelectMany(type => type.Methods)
            .Where(method => method.HasBody)
            .SelectMany(method => method.Body.Instructions)
            .Where(instruction => instruction.OpCode == OpCodes.Newobj)
            .Select(instruction => ((MethodReference)instruction.Operand).DeclaringType)
            .Where(type => type.Namespace == typeof(IntegrationEvent).Namespace)
            .Select(type => Topic.Catalogue.SingleOrDefault(t => t.Name == type.Name))
            .OfType<Type>()
            .Select(type => Topic.Of(type).Name)
            .ToHashSet();
    }
}
