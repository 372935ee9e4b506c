using System.Text.RegularExpressions;
using System.Xml.Linq;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Launcher;

namespace Ticketing.SystemTests;

/// <summary>
/// <see cref="SystemApps"/> is the one description of the system's apps; what repeats it elsewhere (the
/// projects, the launcher, the compiled services, the README) is held against it here. The Dapr files:
/// <see cref="DaprComponentTests"/>; the live subscriptions: <see cref="EventContractTests"/>.
/// </summary>
public sealed partial class SystemAppsTests
{
    private static readonly string Root = BuildOutput.RepositoryRoot();

    [Fact]
    public void Every_app_is_a_project_of_the_solution_that_the_launcher_builds()
    {
        var solution = File.ReadAllText(Path.Combine(Root, "Ticketing.sln"));
        var launcherProject = Path.Combine(Root, "tools", "Ticketing.Launcher", "Ticketing.Launcher.csproj");
        var launcherBuilds = XDocument.Load(launcherProject).Descendants("ProjectReference")
            .Select(r => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(launcherProject)!, r.Attribute("Include")!.Value.Replace('\\', '/'))))
            .ToHashSet();
        foreach (var app in SystemApps.All)
        {
            var project = Path.Combine(Root, app.ProjectPath);
            Assert.True(File.Exists(project), $"{app.AppId}: {app.ProjectPath} does not exist");
            Assert.Equal(app.AssemblyName, Path.GetFileNameWithoutExtension(project));
            Assert.Contains(app.ProjectPath.Replace('/', '\\'), solution);
            Assert.Contains(Path.GetFullPath(project), launcherBuilds);
        }
    }

    [Fact]
    public void Each_app_has_its_own_id_and_port_the_gateway_first_and_the_services_right_after_it()
    {
        Assert.Equal(SystemApps.All.Count, SystemApps.All.Select(app => app.AppId).Distinct().Count());
        Assert.Equal(0, SystemApps.Gateway.PortOffset);
        Assert.Equal(Enumerable.Range(1, SystemApps.Services.Count), SystemApps.Services.Select(app => app.PortOffset).Order());
        Assert.Empty(SystemApps.Gateway.Publishes.Concat(SystemApps.Gateway.Subscribes));

        var layout = SystemLayout.Beside(5080, "data");
        Assert.All(SystemApps.All, app => Assert.Equal(5080 + app.PortOffset, layout.UrlOf(app.AppId).Port));
    }

    [Fact]
    public void Every_event_has_one_publisher_and_at_least_one_subscriber_none_of_them_itself()
    {
        foreach (var type in Topic.Catalogue)
        {
            var publisher = Assert.Single(SystemApps.All, app => app.Publishes.Contains(type));
            Assert.Contains(SystemApps.All, app => app.Subscribes.Contains(type));
            Assert.DoesNotContain(type, publisher.Subscribes);
        }
        Assert.All(SystemApps.All.SelectMany(app => app.Publishes.Concat(app.Subscribes)), type => Assert.Contains(type, Topic.Catalogue));
    }

    [Fact]
    public void Each_service_publishes_exactly_the_events_its_compiled_code_constructs()
    {
        var compiled = EventCatalogue.PublishedTopics();
        foreach (var app in SystemApps.Services)
            Assert.Equal((app.AppId, string.Join(", ", app.PublishedTopics.Order())), (app.AppId, string.Join(", ", compiled[app.AppId].Order())));
    }

    [Fact]
    public void The_readme_lists_the_apps_ports_and_the_event_catalogue_as_SystemApps_has_them()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));

        var ports = AppRow().Matches(readme).ToDictionary(m => m.Groups["app"].Value, m => int.Parse(m.Groups["port"].Value));
        Assert.Equal(SystemApps.All.ToDictionary(app => app.AppId, app => 5080 + app.PortOffset).OrderBy(p => p.Key), ports.OrderBy(p => p.Key));

        var catalogue = CatalogueRow().Matches(readme).ToDictionary(
            m => m.Groups["topic"].Value,
            m => (Publisher: m.Groups["publisher"].Value, Subscribers: string.Join(", ", m.Groups["subscribers"].Value.Split(", ").Order())));
        var declared = Topic.Catalogue.ToDictionary(
            type => Topic.Of(type).Name,
            type => (Publisher: SystemApps.All.Single(app => app.Publishes.Contains(type)).AppId,
                     Subscribers: string.Join(", ", SystemApps.All.Where(app => app.Subscribes.Contains(type)).Select(app => app.AppId).Order())));
        Assert.Equal(declared.OrderBy(t => t.Key), catalogue.OrderBy(t => t.Key));
    }

    /// <summary>A row of the README's app table: <c>| intake | 5081 | … |</c>.</summary>
    [GeneratedRegex(@"^\| (?<app>[a-z]+) \| (?<port>\d+) \|", RegexOptions.Multiline)]
    private static partial Regex AppRow();

    /// <summary>A row of the README's event catalogue: <c>| `ticket.assigned` | dispatch | workflow, supervision, followup |</c>.</summary>
    [GeneratedRegex(@"^\| `(?<topic>[a-z.\-]+)` \| (?<publisher>[a-z]+) \| (?<subscribers>[a-z, ]+?) \|$", RegexOptions.Multiline)]
    private static partial Regex CatalogueRow();
}
