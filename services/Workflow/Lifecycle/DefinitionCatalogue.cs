using Microsoft.Extensions.Options;
using Ticketing.Contracts;

namespace Ticketing.Workflow.Lifecycle;

public sealed class WorkflowOptions
{
    public const string Section = "Workflow";

    public const string ShippedFolder = "Lifecycle/Definitions";

    /// <summary>Where the definitions are read (the shipped folder when none is named); relative paths are beside the binaries.</summary>
    public List<string> DefinitionFolders { get; set; } = [];

    public IEnumerable<string> Folders => DefinitionFolders.Count == 0 ? [ShippedFolder] : DefinitionFolders.Distinct();

    /// <summary>How often the durable timers are looked at.</summary>
    public TimeSpan TimerInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Every lifecycle definition the service can run, each version kept: new tickets start on the newest
/// version of their type's definition, and an instance finishes on the version it started on.
/// </summary>
public sealed class DefinitionCatalogue
{
    public const string DefaultName = "default";

    private readonly Dictionary<(string Name, int Version), LifecycleDefinition> _byVersion;
    private readonly Dictionary<string, LifecycleDefinition> _newest;

    public DefinitionCatalogue(IEnumerable<LifecycleDefinition> definitions, ILifecycleEngine engine)
    {
        var all = definitions.ToList();
        var duplicate = all.GroupBy(d => (d.Name, d.Version)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidLifecycleDefinitionException(duplicate.First().Key, ["it is defined twice"]);
        foreach (var definition in all) engine.Compile(definition);
        _byVersion = all.ToDictionary(d => (d.Name, d.Version));
        _newest = all.GroupBy(d => d.Name).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Version)!);
        if (!_newest.ContainsKey(DefaultName))
            throw new InvalidLifecycleDefinitionException(DefaultName, ["there is no 'default' definition for the ticket types no other one claims"]);
        var claimedTwice = _newest.Values.SelectMany(d => d.Categories.Select(c => (Category: c, d.Name)))
            .GroupBy(c => c.Category).FirstOrDefault(g => g.Count() > 1);
        if (claimedTwice is not null)
            throw new InvalidLifecycleDefinitionException(string.Join(" and ", claimedTwice.Select(c => c.Name)),
                [$"both claim {claimedTwice.Key} tickets"]);
    }

    public static DefinitionCatalogue Load(IOptions<WorkflowOptions> options, ILifecycleEngine engine)
    {
        var files = options.Value.Folders
            .Select(folder => Path.IsPathRooted(folder) ? folder : Path.Combine(AppContext.BaseDirectory, folder))
            .SelectMany(folder => Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal)
                : throw new InvalidLifecycleDefinitionException(folder, ["the folder of definitions does not exist"]));
        return new DefinitionCatalogue(files.Select(file => LifecycleDefinition.Parse(File.ReadAllText(file), file)), engine);
    }

    public IEnumerable<LifecycleDefinition> All => _byVersion.Values.OrderBy(d => d.Name).ThenBy(d => d.Version);

    public IEnumerable<LifecycleDefinition> Newest => _newest.Values.OrderBy(d => d.Name);

    /// <summary>The definition a new ticket of this category starts on.</summary>
    public LifecycleDefinition For(Category category) =>
        _newest.Values.FirstOrDefault(d => d.Categories.Contains(category)) ?? _newest[DefaultName];

    public LifecycleDefinition? Find(string name, int? version = null) =>
        version is { } v ? _byVersion.GetValueOrDefault((name, v)) : _newest.GetValueOrDefault(name);

    /// <summary>The version an instance started on; its file must stay while any instance runs on it.</summary>
    public LifecycleDefinition Get(string name, int version) =>
        Find(name, version) ?? throw new InvalidOperationException(
            $"Lifecycle definition {name} v{version} is no longer installed, but instances still run on it; restore its file.");
}
