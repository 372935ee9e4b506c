using System.Net;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Launcher;
using YamlDotNet.RepresentationModel;

namespace Ticketing.SystemTests;

/// <summary>
/// No daprd here, so the Dapr path is checked as far as it goes without one: the components and the
/// multi-app run file agree with <see cref="SystemApps"/> (which <see cref="EventContractTests"/> and
/// <see cref="SystemAppsTests"/> hold against what the apps really publish and subscribe to), and the
/// cron binding's route answers on the running supervision app.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class DaprComponentTests(SystemFixture system)
{
    private static readonly string Root = BuildOutput.RepositoryRoot();
    private static readonly string Components = Path.Combine(Root, "dapr-components");

    [Theory]
    [InlineData("pubsub.yaml")]
    [InlineData("kafka/pubsub.yaml")]
    public void The_pubsub_component_scopes_topics_exactly_as_SystemApps_declares(string file)
    {
        var component = Load(file);
        Assert.Equal(Topic.PubSubName, Scalar(component, "metadata", "name"));
        // Only apps with events load the component at all: one that is not listed cannot publish (an app listed
        // without publishing scopes could publish every topic).
        var withEvents = SystemApps.Services.Where(app => app.Publishes.Count + app.Subscribes.Count > 0);
        Assert.Equal(withEvents.Select(s => s.AppId).Order(), Sequence(component, "scopes").Order());

        // Every app that loads the component is named in the publishing scopes, one that publishes nothing as "app=" (no topic at all).
        AssertScopes(withEvents.ToDictionary(app => app.AppId, app => app.PublishedTopics.ToHashSet()), Metadata(component, "publishingScopes"));
        AssertScopes(SystemApps.Services.Where(app => app.Subscribes.Count > 0).ToDictionary(app => app.AppId, app => app.SubscribedTopics.ToHashSet()),
            Metadata(component, "subscriptionScopes"));
    }

    [Fact]
    public async Task The_cron_binding_ticks_the_supervision_scan_endpoint()
    {
        var binding = Load("sla-scan.yaml");
        Assert.Equal("bindings.cron", Scalar(binding, "spec", "type"));
        Assert.Equal(["supervision"], Sequence(binding, "scopes"));

        using var supervision = system.PeerClientFor("supervision"); // daprd sends the app token, as with events
        var route = Scalar(binding, "metadata", "name"); // daprd POSTs to /<binding name>
        var answer = await supervision.PostAsync(route, null);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var stranger = system.ClientFor("supervision"); // a signed-in user, but not daprd
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsync(route, null)).StatusCode);
    }

    [Fact]
    public void The_run_file_starts_every_app_on_the_gateway_port_plus_its_offset_with_the_dapr_transport()
    {
        const int gatewayPort = 5080;
        var run = Load("dapr.yaml");
        var apps = ((YamlSequenceNode)run.Children[new YamlScalarNode("apps")]).Children.Cast<YamlMappingNode>().ToList();
        Assert.Equal(SystemApps.All.Select(app => app.AppId).Order(), apps.Select(entry => Value(entry, "appID")).Order());
        foreach (var app in SystemApps.All)
        {
            var entry = apps.Single(a => Value(a, "appID") == app.AppId);
            var port = gatewayPort + app.PortOffset;
            Assert.Equal((app.AppId, port.ToString()), (app.AppId, Value(entry, "appPort")));
            Assert.Equal($"http://127.0.0.1:{port}", Env(entry)["ASPNETCORE_URLS"]);

            // dapr runs the command in appDirPath: the project's folder, from which the dll path leads to its build output.
            var appDir = Path.GetFullPath(Path.Combine(Components, Value(entry, "appDirPath")));
            Assert.Equal(Path.GetDirectoryName(Path.Combine(Root, app.ProjectPath)) + Path.DirectorySeparatorChar, appDir);
            var command = ((YamlSequenceNode)entry.Children[new YamlScalarNode("command")]).Children.Select(c => c.ToString()).ToList();
            Assert.Equal("dotnet", command[0]);
            Assert.Equal(Path.Combine(Root, "artifacts", "bin", app.AssemblyName, "debug", app.AssemblyName + ".dll"), Path.GetFullPath(Path.Combine(appDir, command[1])));
        }

        var gatewayEnv = Env(apps.Single(a => Value(a, "appID") == SystemApps.Gateway.AppId));
        foreach (var service in SystemApps.Services)
            Assert.Equal($"http://127.0.0.1:{gatewayPort + service.PortOffset}", gatewayEnv[$"Ticketing__Services__{service.AppId}"]);

        var common = (YamlMappingNode)((YamlMappingNode)run.Children[new YamlScalarNode("common")]).Children[new YamlScalarNode("env")];
        Assert.Equal("Dapr", common.Children[new YamlScalarNode("Ticketing__Transport")].ToString());
        Assert.Equal("SqlServer", common.Children[new YamlScalarNode("Ticketing__DatabaseProvider")].ToString());
    }

    private static void AssertScopes(Dictionary<string, HashSet<string>> expected, string declared)
    {
        var scopes = declared.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('='))
            .ToDictionary(pair => pair[0], pair => pair[1].Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet());
        foreach (var (appId, topics) in expected)
            Assert.True(scopes.TryGetValue(appId, out var allowed) && allowed.SetEquals(topics),
                $"SystemApps has {appId} with [{string.Join(",", topics.Order())}] but the component declares [{string.Join(",", scopes.GetValueOrDefault(appId)?.Order() ?? Enumerable.Empty<string>())}]");
        Assert.Empty(scopes.Keys.Except(expected.Keys));
    }

    private static string Value(YamlMappingNode node, string key) => node.Children[new YamlScalarNode(key)].ToString();

    private static Dictionary<string, string> Env(YamlMappingNode app) =>
        ((YamlMappingNode)app.Children[new YamlScalarNode("env")]).Children.ToDictionary(e => e.Key.ToString(), e => e.Value.ToString());

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
