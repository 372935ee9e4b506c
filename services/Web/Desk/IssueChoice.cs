using Ticketing.Contracts;
using Ticketing.Contracts.Queries;

namespace Ticketing.Web.Desk;

/// <summary>
/// One line of the category picker: a category, or one of its sub-categories, found by its name, its code or its name's pinyin
/// initials as the catalogue gives them (路灯照明 → ldzm; the category's and the sub-category's together, qzldzm, too).
/// </summary>
public sealed record IssueChoice(Category Category, string CategoryName, string? SubCategory, string? SubCategoryName, IReadOnlyList<string> Initials)
{
    public string Label => SubCategoryName is null ? CategoryName : $"{CategoryName} / {SubCategoryName}";

    /// <summary>Every choice of the catalogue: a category that has sub-categories is chosen through one of them.</summary>
    public static IReadOnlyList<IssueChoice> From(IEnumerable<CatalogueCategoryView> catalogue) =>
        catalogue.SelectMany(category => category.SubCategories.Count == 0
                ? [new IssueChoice(category.Category, category.Name, null, null, [category.Initials ?? ""])]
                : category.SubCategories.Select(sub => new IssueChoice(category.Category, category.Name, sub.Code, sub.Name,
                    [sub.Initials ?? "", (category.Initials ?? "") + sub.Initials])))
            .ToList();

    /// <summary>How well the typed text finds this choice: 0 not at all, 3 initials from the start, 2 the name, 1 elsewhere.</summary>
    public int Match(string typed)
    {
        var text = typed.Trim();
        if (text.Length == 0) return 1;
        if (Initials.Any(i => i.Length > 0 && i.StartsWith(text, StringComparison.OrdinalIgnoreCase))) return 3;
        if (Label.Contains(text, StringComparison.OrdinalIgnoreCase)) return 2;
        return (SubCategory ?? Category.ToString()).Contains(text, StringComparison.OrdinalIgnoreCase)
               || Category.ToString().Contains(text, StringComparison.OrdinalIgnoreCase)
               || Initials.Any(i => i.Contains(text, StringComparison.OrdinalIgnoreCase))
            ? 1
            : 0;
    }

    public static IEnumerable<IssueChoice> Search(IEnumerable<IssueChoice> choices, string? typed) =>
        choices.Select(choice => (Choice: choice, Score: choice.Match(typed ?? "")))
            .Where(found => found.Score > 0)
            .OrderByDescending(found => found.Score)
            .Select(found => found.Choice);

    public override string ToString() => Label;
}
