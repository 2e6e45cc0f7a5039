using Microsoft.FeatureManagement.FeatureFilters;

namespace ChatOpsRelease.FlagDemoApp;

/// <summary>
/// Who is asking, for Microsoft.Targeting: the user id and groups of the request's query (<c>?user=alice&amp;groups=beta,staff</c>).
/// A real app takes them from its signed-in user instead.
/// </summary>
internal sealed class QueryTargetingContextAccessor(IHttpContextAccessor http) : ITargetingContextAccessor
{
    public ValueTask<TargetingContext> GetContextAsync()
    {
        var query = http.HttpContext?.Request.Query;
        var user = query?["user"].ToString();
        var groups = query?["groups"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        return ValueTask.FromResult(new TargetingContext { UserId = string.IsNullOrEmpty(user) ? null : user, Groups = groups });
    }
}
