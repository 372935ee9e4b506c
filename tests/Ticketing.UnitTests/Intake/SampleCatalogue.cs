using Microsoft.Extensions.Options;
using Ticketing.Contracts;
using Ticketing.Intake.Tickets;

namespace Ticketing.UnitTests.Intake;

/// <summary>The issue catalogue intake ships with (Tickets/catalogue.json), as the service loads it.</summary>
public static class SampleCatalogue
{
    public static IssueCatalogue Instance { get; } = IssueCatalogue.Load(Options.Create(new IntakeOptions()));
}

public sealed class IssueCatalogueTests
{
    [Fact]
    public void The_shipped_catalogue_covers_every_category_and_knows_which_take_anonymous_callers()
    {
        Assert.Equal(Enum.GetValues<Category>().Order(), SampleCatalogue.Instance.Categories.Select(c => c.Category).Order());
        Assert.True(SampleCatalogue.Instance.Of(Category.Report).AnonymousAllowed);
        Assert.False(SampleCatalogue.Instance.Of(Category.Complaint).AnonymousAllowed);
    }

    [Fact]
    public void A_sub_category_is_required_where_the_category_has_them_and_is_spelled_as_the_catalogue_spells_it()
    {
        Assert.Equal("Noise", SampleCatalogue.Instance.Require(Category.Complaint, " noise "));
        Assert.Null(SampleCatalogue.Instance.Require(Category.Praise, null));
        var missing = Assert.Throws<Ticketing.BuildingBlocks.Errors.DomainRuleException>(() => SampleCatalogue.Instance.Require(Category.Complaint, null));
        Assert.Equal(422, missing.StatusCode);
        Assert.Contains("Noise (噪音扰民)", missing.Message);
        Assert.Equal(422, Assert.Throws<Ticketing.BuildingBlocks.Errors.DomainRuleException>(() => SampleCatalogue.Instance.Require(Category.Complaint, "Gripe")).StatusCode);
        Assert.Equal(422, Assert.Throws<Ticketing.BuildingBlocks.Errors.DomainRuleException>(() => SampleCatalogue.Instance.Require(Category.Praise, "Noise")).StatusCode);
    }

    [Fact]
    public void A_catalogue_missing_a_category_or_naming_a_sub_category_twice_is_refused()
    {
        var partial = new CatalogueFile([new CatalogueCategory(Category.Complaint, "投诉", false, [new SubCategory("A", "甲"), new SubCategory("a", "乙")])]);
        var refused = Assert.Throws<InvalidOperationException>(() => new IssueCatalogue(partial)).Message;
        Assert.Contains("Consultation", refused);
        Assert.Contains("Complaint/A", refused);
    }

    [Fact]
    public void Every_name_of_the_shipped_catalogue_has_its_pinyin_initials_one_letter_a_character()
    {
        var names = SampleCatalogue.Instance.Categories.Select(c => (c.Name, c.Initials))
            .Concat(SampleCatalogue.Instance.Categories.SelectMany(c => c.SubCategories.Select(s => (s.Name, s.Initials))));
        Assert.All(names, name =>
        {
            Assert.NotNull(name.Initials);
            Assert.Matches("^[a-z]+$", name.Initials);
            Assert.Equal((name.Name, name.Name.Length), (name.Name, name.Initials!.Length));
        });
        Assert.Equal("zyrm", SampleCatalogue.Instance.Of(Category.Complaint).SubCategories.Single(s => s.Code == "Noise").Initials);
    }
}
