using SimpleActors.Edge.Configuration;
using SimpleActors.Sip.Auth;

namespace SimpleActors.Edge.Tests.Configuration;

public class AuthOptionsValidatorTests
{
    private readonly AuthOptionsValidator _validator = new();

    [Fact]
    public void The_defaults_are_valid()
    {
        var options = new AuthOptions();

        Assert.True(_validator.Validate(null, options).Succeeded);
        Assert.True(options.Enabled);
        Assert.Equal("config/users.json", options.UsersFile);
        Assert.Equal(TimeSpan.FromMinutes(5), options.NonceLifetime);
    }

    [Theory]
    [InlineData("00:00:00", "Auth:NonceLifetime")]
    [InlineData("2.00:00:00", "Auth:NonceLifetime")]
    public void A_nonce_lifetime_out_of_range_is_refused(string lifetime, string key)
    {
        var result = _validator.Validate(null, new AuthOptions { NonceLifetime = TimeSpan.Parse(lifetime, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Contains(result.Failures!, f => f.StartsWith(key, StringComparison.Ordinal));
    }

    [Fact]
    public void A_short_secret_is_refused()
    {
        var result = _validator.Validate(null, new AuthOptions { Secret = "short" });

        Assert.Contains(result.Failures!, f => f.StartsWith("Auth:Secret", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_users_file_is_refused_only_when_auth_is_enabled()
    {
        Assert.True(_validator.Validate(null, new AuthOptions { UsersFile = "" }).Failed);
        Assert.True(_validator.Validate(null, new AuthOptions { UsersFile = "", Enabled = false }).Succeeded);
    }

    [Fact]
    public void Nodes_with_the_same_secret_accept_each_others_nonces()
    {
        var now = DateTimeOffset.UnixEpoch;
        var a = new AuthOptions { Secret = "shared by every node of the cluster" };
        var b = new AuthOptions { Secret = "shared by every node of the cluster" };
        var random = new AuthOptions();

        var nonce = a.CreateNonceIssuer().Issue("example.com", now);

        Assert.Equal(NonceStatus.Valid, b.CreateNonceIssuer().Check(nonce, "example.com", now, out _));
        Assert.Equal(NonceStatus.Invalid, random.CreateNonceIssuer().Check(nonce, "example.com", now, out _));
    }
}
