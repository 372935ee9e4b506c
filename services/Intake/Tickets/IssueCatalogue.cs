using System.Text.Json;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;

namespace Ticketing.Intake.Tickets;

/// <summary>
/// One category of the catalogue (诉求分类), its sub-categories, and whether a caller may stay anonymous.
/// <see cref="Initials"/> are the name's pinyin initials (投诉 → ts), what agents type to find it.
/// </summary>
public sealed record CatalogueCategory(Category Category, string Name, bool AnonymousAllowed, IReadOnlyList<SubCategory> SubCategories,
    string? Initials = null);

/// <summary>A sub-category (二级分类) by its code, its name and its name's pinyin initials (噪音扰民 → zyrm).</summary>
public sealed record SubCategory(string Code, string Name, string? Initials = null);

public sealed record CatalogueFile(IReadOnlyList<CatalogueCategory> Categories);

/// <summary>
/// The two-level catalogue calls are filed under, read at start from a data file (<c>Intake:CatalogueFile</c>,
/// the sample city's <c>Tickets/catalogue.json</c> by default). Every category of the contract is in it; a
/// category with sub-categories needs one on each ticket.
/// </summary>
public sealed class IssueCatalogue
{
    private readonly Dictionary<Category, CatalogueCategory> _byCategory;

    public IssueCatalogue(CatalogueFile file)
    {
        Categories = file.Categories;
        var missing = Enum.GetValues<Category>().Where(c => file.Categories.All(k => k.Category != c)).ToList();
        var repeated = file.Categories.GroupBy(k => k.Category).Where(g => g.Count() > 1).Select(g => g.Key.ToString())
            .Concat(file.Categories.SelectMany(k => k.SubCategories.GroupBy(s => s.Code, StringComparer.OrdinalIgnoreCase)
                .Where(g => g.Count() > 1).Select(g => $"{k.Category}/{g.Key}")))
            .ToList();
        if (missing.Count > 0 || repeated.Count > 0)
            throw new InvalidOperationException("The issue catalogue " +
                (missing.Count > 0 ? $"lacks the categories {string.Join(", ", missing)}. " : "") +
                (repeated.Count > 0 ? $"names these twice: {string.Join(", ", repeated)}." : ""));
        _byCategory = file.Categories.ToDictionary(k => k.Category);
    }

    public IReadOnlyList<CatalogueCategory> Categories { get; }

    public CatalogueCategory Of(Category category) => _byCategory[category];

    public static IssueCatalogue Load(IOptions<IntakeOptions> options)
    {
        var path = Path.IsPathRooted(options.Value.CatalogueFile)
            ? options.Value.CatalogueFile
            : Path.Combine(AppContext.BaseDirectory, options.Value.CatalogueFile);
        using var stream = File.OpenRead(path);
        return new IssueCatalogue(JsonSerializer.Deserialize<CatalogueFile>(stream, EventJson.Options)
                                  ?? throw new InvalidOperationException($"{path} holds no issue catalogue."));
    }

    /// <summary>The sub-category as the catalogue spells it; 422 naming the valid ones when it is not one of the category's.</summary>
    public string? Require(Category category, string? subCategory)
    {
        var known = Of(category).SubCategories;
        var given = subCategory?.Trim();
        if (string.IsNullOrEmpty(given))
            return known.Count == 0
                ? null
                : throw Unknown(new Phrase("{0} needs a sub-category. Valid sub-categories: {1}.", category, Listed(known)));
        return known.FirstOrDefault(s => s.Code.Equals(given, StringComparison.OrdinalIgnoreCase))?.Code
               ?? throw Unknown(known.Count == 0
                   ? new Phrase("{0} has no sub-categories; leave subCategory out.", category)
                   : new Phrase("{0} has no sub-category '{1}'. Valid sub-categories: {2}.", category,
                       given.Length > 40 ? given[..40] + "…" : given, Listed(known)));
    }

    private static DomainRuleException Unknown(Phrase why) =>
        new("Unknown sub-category", why, StatusCodes.Status422UnprocessableEntity) { Extensions = { ["field"] = "subCategory" } };

    private static string Listed(IReadOnlyList<SubCategory> known) => string.Join(", ", known.Select(s => $"{s.Code} ({s.Name})"));
}
