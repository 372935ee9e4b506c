using System.Net;
using Ticketing.Contracts.Events;
using Ticketing.Launcher;
using YamlDotNet.RepresentationModel;

namespace Ticketing.SystemTests;

/// <summary>
/// No daprd here, so the Dapr path is checked as far as it goes without one: the components and the
/// multi-app run file agree with what the apps really publish, subscribe to and listen on.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class DaprComponentTests(SystemFixture system)
{
    private static readonly string Components = Path.Combine(BuildOutput.RepositoryRoot(), "dapr-components");

    [Theory]
    [InlineData("pubsub.yaml")]
    [InlineData("kafka/pubsub.yaml")]
    public async Task The_pubsub_component_scopes_topics_exactly_as_the_apps_use_them(string file)
    {
        var component = Load(file);
        Assert.Equal(Topic.PubSubName, Scalar(component, "metadata", "name"));
        Assert.Equal(SystemLayout.Services.Select(s => s.AppId).Order(), Sequence(component, "scopes").Order());

        var published = EventCatalogue.PublishedTopics();
        var subscribed = (await EventCatalogue.SubscriptionsAsync(system)).ToDictionary(s => s.Key, s => s.Value.Select(x => x.Topic).ToHashSet());
        AssertScopes(published, Metadata(component, "publishingScopes"));
        AssertScopes(subscribed, Metadata(component, "subscriptionScopes"));
    }

    [Fact]
    public async Task The_cron_binding_ticks_the_supervision_scan_endpoint()
    {
        var binding = Load("sla-scan.yaml");
        Assert.Equal("bindings.cron", Scalar(binding, "spec", "type"));
        Assert.Equal(["supervision"], Sequence(binding, "scopes"));

        using var supervision = system.ClientFor("supervision");
        var route = Scalar(binding, "metadata", "name"); // daprd POSTs to /<binding name>
        var answer = await supervision.PostAsync(route, null);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public void The_run_file_starts_every_service_on_its_default_port_with_the_dapr_transport()
    {
        var run = Load("dapr.yaml");
        var apps = ((YamlSequenceNode)run.Children[new YamlScalarNode("apps")]).Children.Cast<YamlMappingNode>().ToList();
        var layout = SystemLayout.Beside(5080, "data");
        foreach (var app in TicketingSystem.Apps)
        {
            var entry = Assert.Single(apps, a => a.Children[new YamlScalarNode("appID")].ToString() == app.AppId);
            Assert.Equal(layout.UrlOf(app.AppId).Port.ToString(), entry.Children[new YamlScalarNode("appPort")].ToString());
            Assert.True(Directory.Exists(Path.Combine(Components, entry.Children[new YamlScalarNode("appDirPath")].ToString())));
            Assert.Contains($"{app.AssemblyName}.dll", entry.Children[new YamlScalarNode("command")].ToString());
        }
        var common = (YamlMappingNode)((YamlMappingNode)run.Children[new YamlScalarNode("common")]).Children[new YamlScalarNode("env")];
        Assert.Equal("Dapr", common.Children[new YamlScalarNode("Ticketing__Transport")].ToString());
        Assert.Equal("SqlServer", common.Children[new YamlScalarNode("Ticketing__DatabaseProvider")].ToString());
    }

    private static void AssertScopes(Dictionary<string, HashSet<string>> actual, string declared)
    {
        var scopes = declared.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('='))
            .ToDictionary(pair => pair[0], pair => pair[1].Split(',').ToHashSet());
        foreach (var (appId, topics) in actual.Where(a => a.Value.Count > 0))
            Assert.True(scopes.TryGetValue(appId, out var allowed) && allowed.SetEquals(topics),
                $"{appId} uses [{string.Join(",", topics.Order())}] but the component declares [{string.Join(",", scopes.GetValueOrDefault(appId)?.Order() ?? Enumerable.Empty<string>())}]");
        Assert.Empty(scopes.Keys.Except(actual.Where(a => a.Value.Count > 0).Select(a => a.Key)));
    }

    private static YamlMappingNode Load(string file)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Components, file));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static string Scalar(YamlMappingNode node, string section, string key) =>
        ((YamlMappingNode)node.Children[new YamlScalarNode(section)]).Children[new YamlScalarNode(key)].ToString();

    private static List<string> Sequence(YamlMappingNode node, string key) =>
        ((YamlSequenceNode)node.Children[new YamlScalarNode(key)]).Children.Select(c => c.ToString()).ToList();

    private static string Metadata(YamlMappingNode component, string name) =>
        ((YamlSequenceNode)((YamlMappingNode)component.Children[new YamlScalarNode("spec")]).Children[new YamlScalarNode("metadata")])
        .Children.Cast<YamlMappingNode>()
        .Single(m => m.Children[new YamlScalarNode("name")].ToString() == name)
        .Children[new YamlScalarNode("value")].ToString();
}
