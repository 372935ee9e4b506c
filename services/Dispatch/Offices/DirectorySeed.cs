using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Dispatch.Data;
using Ticketing.Dispatch.Routing;

namespace Ticketing.Dispatch.Offices;

public sealed class DispatchOptions
{
    public const string Section = "Dispatch";

    /// <summary>The city's offices and routing rules loaded into an empty database on first start; relative paths are read beside the binaries.</summary>
    public string DirectoryFile { get; set; } = "Offices/sample-city.json";
}

/// <summary>An office as the city's data file lists it.</summary>
public sealed record SeedOffice(
    string Code, string Name, string NameEn, OfficeKind Kind, string? Parent = null, IReadOnlyList<string>? Regions = null,
    IReadOnlyList<OfficeContact>? Contacts = null, string? CalendarCode = null, string? TimeZone = null, bool Active = true)
{
    public OfficeDetails Details => new(Name, NameEn, Kind, Parent, Regions ?? [], Contacts ?? [], CalendarCode ?? Office.DefaultCalendar,
        TimeZone ?? Office.DefaultTimeZone, Active);
}

public sealed record DirectoryFile(string City, IReadOnlyList<SeedOffice> Offices, IReadOnlyList<RuleDetails> Rules)
{
    public static DirectoryFile Read(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<DirectoryFile>(stream, EventJson.Options) ?? throw new InvalidOperationException($"{path} holds no office directory.");
    }

    public static string PathOf(DispatchOptions options) =>
        Path.IsPathRooted(options.DirectoryFile) ? options.DirectoryFile : Path.Combine(AppContext.BaseDirectory, options.DirectoryFile);

    /// <summary>The offices and rules as entities, refused with every problem named when the file breaks a directory rule.</summary>
    public (List<Office> Offices, List<RoutingRule> Rules) ToEntities(DateTimeOffset now)
    {
        var offices = Offices.Select(o => Office.Open(o.Code, o.Details, "sample city", now)).ToList();
        var rules = Rules.Select(r => RoutingRule.Create(r, "sample city", now)).ToList();
        var problems = DirectoryRules.ProblemsOf(offices, rules);
        if (problems.Count > 0)
            throw new InvalidOperationException($"The office directory file breaks the directory's rules: {string.Join(" ", problems)}");
        return (offices, rules);
    }
}

/// <summary>
/// Seeds the city's offices and rules into a new database, then reads the directory into memory. Runs after the
/// migrations; later starts leave whatever the admins made of it alone.
/// </summary>
public sealed class DirectorySeeding(IServiceScopeFactory scopes, OfficeDirectory directory, IOptions<DispatchOptions> options,
    ILogger<DirectorySeeding> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DispatchDbContext>();
        if (!await db.Offices.AnyAsync(cancellationToken))
        {
            var path = DirectoryFile.PathOf(options.Value);
            var (offices, rules) = DirectoryFile.Read(path).ToEntities(db.Clock.GetUtcNow());
            db.Offices.AddRange(offices);
            db.RoutingRules.AddRange(rules);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Seeded {Offices} offices and {Rules} routing rules from {Path}", offices.Count, rules.Count, path);
        }
        await directory.ReloadAsync(db, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
