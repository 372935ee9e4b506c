using Ticketing.BuildingBlocks.Access;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;

namespace Ticketing.Dispatch.Offices;

/// <summary>承办单位: an office that does the work; offices form a tree by region.</summary>
public sealed record Office(string Code, string Name, string NameEn, string Kind, string? Parent, IReadOnlyList<string> Regions);

/// <summary>A routing rule: tickets of <see cref="Category"/> (any when null) from <see cref="Region"/> ("*" = any) go to <see cref="Office"/>.</summary>
public sealed record RoutingRule(Category? Category, string Region, string Office, string? Why);

public sealed record OfficeDirectoryFile(string City, string FallbackOffice, IReadOnlyList<Office> Offices, IReadOnlyList<RoutingRule> Rules);

public sealed record RoutingDecision(Office Office, string Reason);

public sealed class DispatchOptions
{
    public const string Section = "Dispatch";

    /// <summary>The office directory and routing rules; relative paths are read beside the service's binaries.</summary>
    public string DirectoryFile { get; set; } = "Offices/sample-city.json";
}

/// <summary>The office tree and routing rules of one city, read from a JSON file at start-up.</summary>
public sealed class OfficeDirectory
{
    private readonly OfficeDirectoryFile _file;
    private readonly Dictionary<string, Office> _byCode;

    public OfficeDirectory(OfficeDirectoryFile file)
    {
        _file = file;
        _byCode = file.Offices.ToDictionary(o => o.Code, StringComparer.OrdinalIgnoreCase);
        var unknown = file.Rules.Select(r => r.Office).Append(file.FallbackOffice)
            .Concat(file.Offices.Select(o => o.Parent).OfType<string>())
            .Where(code => !_byCode.ContainsKey(code)).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException($"The office directory names unknown offices: {string.Join(", ", unknown)}.");
        // Every service scopes office staff by code (OfficeScope), without asking dispatch for the tree.
        var misnamed = file.Offices.Where(o => o.Parent is not null && !OfficeScope.Covers(o.Parent, o.Code)).Select(o => $"{o.Code} (under {o.Parent})").ToList();
        if (misnamed.Count > 0)
            throw new InvalidOperationException($"A sub-office's code must extend its parent's code with '-': {string.Join(", ", misnamed)}.");
    }

    public static OfficeDirectory Load(IOptions<DispatchOptions> options)
    {
        var path = Path.IsPathRooted(options.Value.DirectoryFile)
            ? options.Value.DirectoryFile
            : Path.Combine(AppContext.BaseDirectory, options.Value.DirectoryFile);
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize<OfficeDirectoryFile>(stream, EventJson.Options)
                   ?? throw new InvalidOperationException($"{path} holds no office directory.");
        return new OfficeDirectory(file);
    }

    public string City => _file.City;

    public IReadOnlyList<Office> Offices => _file.Offices;

    public IReadOnlyList<RoutingRule> Rules => _file.Rules;

    public Office? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The office a request names; 422 naming the valid codes when there is none.</summary>
    public Office Require(string code) => Find(code.Trim())
        ?? throw new DomainRuleException("Unknown office",
            new Phrase("'{0}' is not an office. Valid offices: {1}.", code, string.Join(", ", _file.Offices.Select(o => o.Code))),
            StatusCodes.Status422UnprocessableEntity);

    /// <summary>
    /// Most specific first: a rule for this category and region, then one for this category anywhere, then the
    /// office whose jurisdiction holds the region (walking up "DC-DH" → "DC"), then the hotline centre.
    /// </summary>
    public RoutingDecision Route(Category category, string regionCode)
    {
        var rule = _file.Rules.FirstOrDefault(r => r.Category == category && SameRegion(r.Region, regionCode))
                   ?? _file.Rules.FirstOrDefault(r => r.Category == category && r.Region == "*")
                   ?? _file.Rules.FirstOrDefault(r => r.Category is null && SameRegion(r.Region, regionCode));
        if (rule is not null) return new RoutingDecision(_byCode[rule.Office], rule.Why ?? $"rule {rule.Category} × {rule.Region}");

        for (var region = regionCode; !string.IsNullOrEmpty(region); region = ParentRegion(region))
        {
            var local = _file.Offices.FirstOrDefault(o => o.Regions.Contains(region, StringComparer.OrdinalIgnoreCase));
            if (local is not null) return new RoutingDecision(local, $"jurisdiction over region {region}");
        }
        // An unknown region is not refused: the hotline centre takes the ticket and decides by hand.
        return new RoutingDecision(_byCode[_file.FallbackOffice],
            $"no office covers region '{regionCode}' (not a region of the directory), so it falls back to the hotline centre");
    }

    /// <summary>The office and every office below it in the tree.</summary>
    public IReadOnlySet<string> WithSubOffices(string code)
    {
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { code };
        bool grew;
        do
        {
            grew = false;
            foreach (var office in _file.Offices.Where(o => o.Parent is not null && found.Contains(o.Parent) && !found.Contains(o.Code)))
                grew |= found.Add(office.Code);
        } while (grew);
        return found;
    }

    private static bool SameRegion(string rule, string region) => string.Equals(rule, region, StringComparison.OrdinalIgnoreCase);

    private static string ParentRegion(string region) => region.Contains('-') ? region[..region.LastIndexOf('-')] : "";
}
