using DeepSql.Server.Tests.Http;
using Microsoft.Playwright;
using Xunit;

namespace DeepSql.Browser.Tests;

/// <summary>
/// The admin page in a real headless Chromium against the real host: log in, register a model through the form
/// (with a validation error first), find it in the list, try it with an image, run SQL in the SQL box.
/// </summary>
public sealed class AdminPageTests(HttpTestHost host) : IClassFixture<HttpTestHost>, IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private static string ScreenshotDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Service.sln")))
            {
                dir = dir.Parent;
            }

            var path = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    [Fact]
    public async Task Register_find_try_and_query_through_the_admin_page()
    {
        var images = Path.Combine(host.Directory, "bt_images");
        Directory.CreateDirectory(images);
        await File.WriteAllBytesAsync(Path.Combine(images, "red.png"), TinyColorModel.Png(255, 0, 0, 48));

        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);

        // log in
        await page.GotoAsync("/admin");
        await page.FillAsync("#login-token", HttpTestHost.AdminToken);
        await page.ClickAsync("#login-button");
        await page.Locator("#nav").WaitForAsync();
        await ShotAsync(page, "01-models-empty");

        // register: the file is inspected first and shows its tensors
        await page.ClickAsync("nav a[data-tab=register]");
        await page.SetInputFilesAsync("#register-file", new FilePayload
        {
            Name = "bt_color.onnx",
            MimeType = "application/octet-stream",
            Buffer = TinyColorModel.Build(),
        });
        await page.Locator("#inspect-result").WaitForAsync();
        Assert.Equal("image", await page.Locator("#inspect-inputs tbody td").First.TextContentAsync());
        Assert.Equal("[?, 3, 4, 4]", await page.Locator("#inspect-inputs tbody td").Nth(2).TextContentAsync());
        Assert.Equal("4", await page.InputValueAsync("#register-width"));
        Assert.Equal("bt_color", await page.InputValueAsync("#register-name"));

        // a wrong width is refused, with the message next to the field
        await page.FillAsync("#register-width", "8");
        await page.SelectOptionAsync("#register-activation", "none");
        await page.FillAsync("#register-labels", "red\ngreen\nblue");
        await page.ClickAsync("#register-save");
        var widthError = page.Locator(".field-error[data-field='input.width']");
        await Assertions.Expect(widthError).ToContainTextAsync("8x4");
        await ShotAsync(page, "02-register-validation-error");
        Assert.False(host.Store.TryGet("bt_color", out _));

        await page.FillAsync("#register-width", "4");
        await page.ClickAsync("#register-save");
        await Assertions.Expect(page.Locator("#register-status")).ToHaveTextAsync("Registered bt_color version 1.");
        await Assertions.Expect(widthError).ToBeEmptyAsync();
        await ShotAsync(page, "03-registered");

        // the list shows it
        await page.ClickAsync("nav a[data-tab=models]");
        var row = page.Locator("#models-table tbody tr[data-name=bt_color]");
        await Assertions.Expect(row).ToBeVisibleAsync();
        Assert.Equal("classify", await row.Locator("td").Nth(1).TextContentAsync());
        await row.ClickAsync();
        await Assertions.Expect(page.Locator("#versions-table tbody tr")).ToHaveCountAsync(1);
        await ShotAsync(page, "04-model-list");

        // try it with an image
        await page.ClickAsync("nav a[data-tab=try]");
        await page.SelectOptionAsync("#try-model", "bt_color");
        await page.SetInputFilesAsync("#try-file", Path.Combine(images, "red.png"));
        var top = page.Locator("#try-top li .label");
        await Assertions.Expect(top.First).ToHaveTextAsync("red");
        await Assertions.Expect(top).ToHaveCountAsync(3);
        await ShotAsync(page, "05-try-it");

        // SQL box: a model function over files, the BLOB column as a thumbnail
        await page.ClickAsync("nav a[data-tab=sql]");
        await page.FillAsync("#sql-text", $"SELECT parse_filename(filename) AS file, bt_color(content) AS label, content FROM read_blob('{images}/*.png')");
        await page.ClickAsync("#sql-run");
        var cells = page.Locator("#sql-result tbody tr td");
        await Assertions.Expect(cells.Nth(1)).ToHaveTextAsync("red");
        Assert.Equal("red.png", await cells.Nth(0).TextContentAsync());
        await Assertions.Expect(cells.Nth(2).Locator("img.thumb")).ToBeVisibleAsync();
        await ShotAsync(page, "06-sql");

        // a SQL error shows its SQLSTATE
        await page.FillAsync("#sql-text", "SELECT * FROM bt_no_such_table");
        await page.ClickAsync("#sql-run");
        await Assertions.Expect(page.Locator("#sql-error")).ToContainTextAsync("42P01");
        await context.CloseAsync();
    }

    [Fact]
    public async Task Train_a_classifier_on_a_backbone_and_see_its_accuracy_and_vector()
    {
        (await host.RegisterAsync("bt_features", onnx: TinyColorModel.Build("features"), manifest: """
            {"name":"bt_features","task":"featurize","input":{"tensor":"image","kind":"image","width":4,"height":4,
             "channels":"RGB","layout":"NCHW","scale":0.003921569},"output":{"tensor":"features"}}
            """)).Dispose();
        var folder = Path.Combine(host.Directory, "bt_train");
        Directory.CreateDirectory(folder);
        for (var i = 0; i < 4; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, $"red_{i}.png"), TinyColorModel.Png((byte)(200 + (i * 10)), 0, 0));
            await File.WriteAllBytesAsync(Path.Combine(folder, $"green_{i}.png"), TinyColorModel.Png(0, (byte)(200 + (i * 10)), 0));
        }

        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync("/admin");
        await page.FillAsync("#login-token", HttpTestHost.AdminToken);
        await page.ClickAsync("#login-button");
        await page.Locator("#nav").WaitForAsync();

        await page.ClickAsync("nav a[data-tab=train]");
        await page.SelectOptionAsync("#train-backbone", "bt_features");
        await page.FillAsync("#train-name", "bt_head");
        await page.FillAsync("#train-query",
            $"SELECT content AS image, split_part(parse_filename(filename), '_', 1) AS label FROM read_blob('{folder}/*.png')");
        await page.FillAsync("#train-epochs", "200");
        await page.FillAsync("#train-validation", "0");
        await page.ClickAsync("#train-start");
        await Assertions.Expect(page.Locator("#train-status")).ToHaveTextAsync("Succeeded");
        await Assertions.Expect(page.Locator("#train-accuracy dd").First).ToHaveTextAsync("1.000");
        await Assertions.Expect(page.Locator("#train-progress")).ToContainTextAsync("epoch 200/200");
        await ShotAsync(page, "07-trained");

        // the backbone is a featurizer: "try it" draws its vector
        await page.ClickAsync("nav a[data-tab=try]");
        await page.SelectOptionAsync("#try-model", "bt_features");
        await page.SetInputFilesAsync("#try-file", Path.Combine(folder, "green_0.png"));
        await Assertions.Expect(page.Locator("#try-vector")).ToHaveAttributeAsync("data-length", "3");
        await Assertions.Expect(page.Locator("#try-vector rect")).ToHaveCountAsync(3);

        // and the new head is in the list
        await page.ClickAsync("nav a[data-tab=models]");
        await Assertions.Expect(page.Locator("#models-table tbody tr[data-name=bt_head]")).ToBeVisibleAsync();
        await context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_token_keeps_the_page_locked()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin");
        await page.FillAsync("#login-token", "not the token");
        await page.ClickAsync("#login-button");
        await Assertions.Expect(page.Locator("#login-error")).ToHaveTextAsync("Wrong token.");
        await Assertions.Expect(page.Locator("#nav")).ToBeHiddenAsync();
        await context.CloseAsync();
    }
}
