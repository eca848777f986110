# Builds the Windows installer of Linli Desk on a Windows machine or CI runner (a freezer must
# run on the OS it builds for):
#     powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1
# Needs Python 3.11+ on PATH and Inno Setup 6 (ISCC.exe; `choco install innosetup`).
# Result: dist\linli\ (the one-folder app) and dist\linli-<version>-setup.exe.
# Signing, optional: set SIGN_CERT (a .pfx file), SIGN_PASSWORD (and SIGN_TIMESTAMP_URL), and
# signtool (Windows SDK) signs linli.exe before it is packed and the setup.exe after.
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
$root = Split-Path -Parent $PSScriptRoot
Set-Location $root

function Invoke-Checked([string]$what, [scriptblock]$block) {
    Write-Host "== $what"
    & $block
    if ($LASTEXITCODE -ne 0) { throw "$what failed (exit code $LASTEXITCODE)" }
}

function Invoke-Sign([string]$file) {
    # A hook, not a requirement: unsigned builds work (SmartScreen warns on first download).
    if (-not $env:SIGN_CERT) { return }
    $signtool = Get-Command signtool.exe -ErrorAction SilentlyContinue
    if (-not $signtool) { throw "SIGN_CERT is set but signtool.exe is not on PATH" }
    $timestamp = if ($env:SIGN_TIMESTAMP_URL) { $env:SIGN_TIMESTAMP_URL } else {
        "http://timestamp.digicert.com"
    }
    $signArgs = @("sign", "/fd", "SHA256", "/td", "SHA256", "/tr", $timestamp, "/f", $env:SIGN_CERT)
    if ($env:SIGN_PASSWORD) { $signArgs += @("/p", $env:SIGN_PASSWORD) }
    Invoke-Checked "signtool $file" { & $signtool.Source @signArgs $file }
}

# The version, from the package itself (desktop/__init__.py), handed to ISCC as /DAppVersion.
$init = Get-Content -Raw -Encoding UTF8 (Join-Path $root "desktop\__init__.py")
if ($init -notmatch '__version__\s*=\s*"([^"]+)"') { throw "no __version__ in desktop\__init__.py" }
$version = $Matches[1]
Write-Host "Linli Desk $version"
$started = Get-Date

# 1. A clean virtual environment with the app and the pinned build tools (the package extra);
#    the test extra runs the frozen smoke test.
$venv = Join-Path $root "build\venv-windows"
if (Test-Path $venv) { Remove-Item -Recurse -Force $venv }
Invoke-Checked "venv" { python -m venv $venv }
$python = Join-Path $venv "Scripts\python.exe"
Invoke-Checked "pip upgrade" { & $python -m pip install --quiet --upgrade pip }
Invoke-Checked "pip install .[package]" { & $python -m pip install --quiet ".[package,test]" }

# 2. The one-folder build, from the same spec as Linux.
foreach ($old in @("dist\linli", "build\linli")) {
    if (Test-Path $old) { Remove-Item -Recurse -Force $old }
}
Invoke-Checked "pyinstaller" {
    & $python -m PyInstaller --noconfirm --clean --distpath dist --workpath build packaging\linli.spec
}
$exe = Join-Path $root "dist\linli\linli.exe"
if (-not (Test-Path $exe)) { throw "the build made no $exe" }

# 3. Smoke tests. A windowed exe may have no stdout (PyInstaller leaves sys.stdout None), so
#    --version is judged by its exit code, and by its text when it printed any.
$versionOut = Join-Path $root "build\version.txt"
$p = Start-Process -FilePath $exe -ArgumentList "--version" -Wait -PassThru -NoNewWindow `
    -RedirectStandardOutput $versionOut
if ($p.ExitCode -ne 0) { throw "linli.exe --version exited with $($p.ExitCode)" }
$said = (Get-Content -Raw $versionOut -ErrorAction SilentlyContinue)
if ($said -and ($said -notmatch [regex]::Escape($version))) {
    throw "linli.exe --version said '$said', not $version"
}
Write-Host "linli.exe --version: ok ($said)"
$env:QT_QPA_PLATFORM = "offscreen"
Invoke-Checked "frozen smoke test" {
    & $python -m pytest tests\packaging\test_frozen.py -q -rs
}
Remove-Item Env:QT_QPA_PLATFORM

# 4. Sign the program before it is packed, then the installer.
Invoke-Sign $exe
$iscc = Get-Command iscc.exe -ErrorAction SilentlyContinue
$isccPath = if ($iscc) { $iscc.Source } else {
    Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"
}
if (-not (Test-Path $isccPath)) { throw "Inno Setup 6 (ISCC.exe) not found: choco install innosetup" }
Invoke-Checked "ISCC" { & $isccPath "/DAppVersion=$version" "packaging\windows\linli.iss" }
$setup = Join-Path $root "dist\linli-$version-setup.exe"
if (-not (Test-Path $setup)) { throw "ISCC made no $setup" }
Invoke-Sign $setup

$minutes = ((Get-Date) - $started).TotalMinutes
$sizeMb = (Get-Item $setup).Length / 1MB
Write-Host ("{0} ({1:N1} MB) built in {2:N1} min" -f $setup, $sizeMb, $minutes)
