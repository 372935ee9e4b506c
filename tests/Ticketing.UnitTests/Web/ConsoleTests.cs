using System.Net;
using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Refit;
using Ticketing.Contracts;
using Ticketing.UnitTests.Intake;
using Ticketing.Web.Api;
using Ticketing.Web.Desk;
using Ticketing.Web.Languages;
using Ticketing.Web.SignIn;

namespace Ticketing.UnitTests.Web;

/// <summary>The agent desk's category picker on the shipped catalogue, and how the console words a service's refusal.</summary>
public sealed class ConsoleTests
{
    private static readonly IReadOnlyList<IssueChoice> Choices = IssueChoice.From(SampleCatalogue.Instance.Categories.Select(c =>
        new Ticketing.Contracts.Queries.CatalogueCategoryView(c.Category, c.Name,
            c.SubCategories.Select(s => new Ticketing.Contracts.Queries.SubCategoryView(s.Code, s.Name, s.Initials)).ToList(), c.Initials)));

    [Theory]
    [InlineData("qtts", Category.Complaint, "OtherComplaint")] // 其他投诉 by its initials
    [InlineData("tsqtts", Category.Complaint, "OtherComplaint")] // the category's and the sub-category's together
    [InlineData("ldzm", Category.HelpRequest, "StreetLighting")]
    [InlineData("LDZM", Category.HelpRequest, "StreetLighting")]
    [InlineData("路灯", Category.HelpRequest, "StreetLighting")]
    [InlineData("噪音", Category.Complaint, "Noise")]
    [InlineData("FoodSafety", Category.Report, "FoodSafety")]
    [InlineData("by", Category.Praise, null)] // 表扬 has no sub-categories: chosen as it is
    public void The_category_picker_finds_a_choice_by_pinyin_initials_name_or_code(string typed, Category category, string? subCategory)
    {
        var first = IssueChoice.Search(Choices, typed).First();
        Assert.Equal((category, subCategory), (first.Category, first.SubCategory));
    }

    [Fact]
    public void Initials_from_the_start_come_before_a_name_that_merely_contains_the_text_and_nonsense_finds_nothing()
    {
        var found = IssueChoice.Search(Choices, "gs").ToList(); // 供水 by its initials
        Assert.Equal("WaterSupply", found[0].SubCategory);
        Assert.Empty(IssueChoice.Search(Choices, "xyzzy"));
        Assert.Equal(Choices.Count, IssueChoice.Search(Choices, "").Count()); // nothing typed yet: everything, in catalogue order
        Assert.All(Choices.Where(c => c.Category == Category.Complaint), c => Assert.NotNull(c.SubCategory)); // a category with subs is chosen through one
    }

    [Fact]
    public async Task A_refusal_reads_as_the_service_wrote_it_and_403_or_404_say_only_not_allowed_or_not_found()
    {
        var text = Localizer();
        var invalid = ApiProblem.From(await RefusalAsync(HttpStatusCode.BadRequest,
            """{"title":"Invalid request","detail":"2 fields are invalid.","errors":{"title":["'title' must not be empty."],"callerPhone":["'callerPhone' must be a phone."]}}"""), text);
        Assert.Equal("Invalid request: 2 fields are invalid.", invalid.Message);
        Assert.Equal(["'title' must not be empty.", "'callerPhone' must be a phone."], invalid.Details);

        var hidden = ApiProblem.From(await RefusalAsync(HttpStatusCode.NotFound, """{"title":"Not found","detail":"Lifecycle instance 42 (the secret one)"}"""), text);
        Assert.True(hidden.IsNotFoundOrForbidden);
        Assert.DoesNotContain("secret", hidden.Message);
        Assert.True(ApiProblem.From(await RefusalAsync(HttpStatusCode.Forbidden, "{}"), text).IsNotFoundOrForbidden);

        var bare = ApiProblem.From(await RefusalAsync(HttpStatusCode.BadGateway, ""), text);
        Assert.Contains("502", bare.Message);
        Assert.Null(ApiProblem.From(new HttpRequestException("refused"), text).Status);
    }

    [Theory]
    [InlineData("/desk", "/desk")]
    [InlineData("/tickets/1?x=2", "/tickets/1?x=2")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData(null, "/")]
    public void Sign_in_and_the_language_switch_send_the_browser_back_only_within_the_console(string? asked, string expected) =>
        Assert.Equal(expected, ConsoleSignIn.LocalOnly(asked));

    private static IStringLocalizer<Text> Localizer() =>
        new StringLocalizer<Text>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    private static async Task<ApiException> RefusalAsync(HttpStatusCode status, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://gateway/api/workflow/instances/42");
        using var response = new HttpResponseMessage(status)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/problem+json"),
            RequestMessage = request,
        };
        return await ApiException.Create(request, HttpMethod.Get, response, new RefitSettings());
    }
}
