<#import "field.ftl" as field>
<#import "footer.ftl" as loginFooter>
<#--
  Ibasho's frame around every login page: keycloak.v2's template.ftl (Keycloak 26.7) with
  - a quick-exit link to a neutral site at the top of every page (Esc twice does the same, js/quick-exit.js),
  - language links instead of a select that navigates on change,
  - a link back to the app, a neutral title that never says what she is signing in to,
  - no dark mode (one calm look, like the app).
  Keep the rest in step with keycloak.v2 when upgrading Keycloak.
-->
<#macro username>
  <#assign label>
    <#if !realm.loginWithEmailAllowed>${msg("username")}<#elseif !realm.registrationEmailAsUsername>${msg("usernameOrEmail")}<#else>${msg("email")}</#if>
  </#assign>
  <@field.group name="username" label=label>
    <div class="${properties.kcInputGroup}">
      <div class="${properties.kcInputGroupItemClass} ${properties.kcFill}">
        <span class="${properties.kcInputClass} ${properties.kcFormReadOnlyClass}">
          <input id="kc-attempted-username" value="${auth.attemptedUsername}" readonly aria-label="${label}">
        </span>
      </div>
      <div class="${properties.kcInputGroupItemClass}">
        <a id="reset-login" class="${properties.kcFormPasswordVisibilityButtonClass} ibasho-restart" href="${url.loginRestartFlowUrl}">${msg("restartLoginTooltip")}</a>
      </div>
    </div>
  </@field.group>
</#macro>

<#macro registrationLayout bodyClass="" displayInfo=false displayMessage=true displayRequiredFields=false>
<!DOCTYPE html>
<html class="${properties.kcHtmlClass!}" lang="${lang}"<#if realm.internationalizationEnabled> dir="${(locale.rtl)?then('rtl','ltr')}"</#if>>

<head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
    <meta name="color-scheme" content="light">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex, nofollow">
    <meta name="referrer" content="no-referrer">
    <title>${msg("ibashoTitle")}</title>
    <link rel="icon" href="data:,">
    <#if properties.stylesCommon?has_content>
        <#list properties.stylesCommon?split(' ') as style>
            <link href="${url.resourcesCommonPath}/${style}" rel="stylesheet" />
        </#list>
    </#if>
    <#if properties.styles?has_content>
        <#list properties.styles?split(' ') as style>
            <link href="${url.resourcesPath}/${style}" rel="stylesheet" />
        </#list>
    </#if>
    <script type="importmap">
        {
            "imports": {
                "rfc4648": "${url.resourcesCommonPath}/vendor/rfc4648/rfc4648.js"
            }
        }
    </script>
    <#if scripts??>
        <#list scripts as script>
            <script src="${script}" type="text/javascript"></script>
        </#list>
    </#if>
    <script type="module" src="${url.resourcesPath}/js/passwordVisibility.js"></script>
    <script type="module">
        <#outputformat "JavaScript">
        import { startSessionPolling } from ${(url.resourcesPath + "/js/authChecker.js")?c};

        startSessionPolling(
            ${url.ssoLoginInOtherTabsUrl?c}
        );
        </#outputformat>
    </script>
    <#if authenticationSession??>
        <script type="module">
             <#outputformat "JavaScript">
            import { checkAuthSession } from ${(url.resourcesPath + "/js/authChecker.js")?c};

            checkAuthSession(
                ${authenticationSession.authSessionIdHash?c}
            );
            </#outputformat>
        </script>
    </#if>
    <script src="${url.resourcesPath}/js/quick-exit.js" defer></script>
</head>

<body id="keycloak-bg" class="${properties.kcBodyClass!} ibasho" data-page-id="login-${pageId}">
<a class="ibasho-skip" href="#kc-page-title">${msg("ibashoSkip")}</a>
<a id="quick-exit" class="ibasho-quick-exit" href="${properties.quickExitUrl}" rel="noreferrer">${msg("ibashoQuickExit")}<#if lang != "en"><span class="ibasho-quick-exit-en" lang="en">Quick exit</span></#if></a>
<div class="${properties.kcLogin!}">
  <div class="${properties.kcLoginContainer!}">
    <header id="kc-header" class="ibasho-header">
      <a class="ibasho-brand" href="${properties.appUrl}">${msg("ibashoBrand")}</a>
      <#if realm.internationalizationEnabled && locale.supported?size gt 1>
        <nav class="ibasho-languages" aria-label="${msg("languages")}">
          <#list locale.supported as l>
            <#if l.languageTag != locale.currentLanguageTag>
              <a class="ibasho-language" href="${l.url}" lang="${l.languageTag}" hreflang="${l.languageTag}"><#if l.languageTag == "en">English<#elseif l.languageTag == "ja">日本語<#else>${l.label}</#if></a>
            </#if>
          </#list>
        </nav>
      </#if>
    </header>
    <main class="${properties.kcLoginMain!}">
      <div class="${properties.kcLoginMainHeader!}">
        <h1 class="${properties.kcLoginMainTitle!}" id="kc-page-title" tabindex="-1"><#nested "header"></h1>
      </div>
      <div class="${properties.kcLoginMainBody!}">
        <p class="ibasho-calm"><#if pageId?starts_with("register")>${msg("ibashoRegisterHint")}<#else>${msg("ibashoCalm")}</#if></p>
        <#-- Keycloak's reset goes only to an address she proved (ADR 0027); without one, her recovery codes are the way
             back, and the page must say so instead of promising a mail that never comes -->
        <#-- a shared phone: a password the browser keeps signs anyone in who picks it up -->
        <#if pageId == "login" || pageId == "register">
        <p class="ibasho-no-saved-password" id="ibasho-no-saved-password">${msg("ibashoNoSavedPassword")}</p>
        </#if>
        <#if pageId == "login-reset-password" || pageId == "login">
        <p class="ibasho-recover" id="ibasho-recover">${msg("ibashoRecoverHint")} <a href="${properties.appUrl}app/recover">${msg("ibashoRecoverLink")}</a></p>
        </#if>
        <#if !(auth?has_content && auth.showUsername() && !auth.showResetCredentials())>
            <#if displayRequiredFields>
                <div class="${properties.kcContentWrapperClass!}">
                    <div class="${properties.kcLabelWrapperClass!} subtitle">
                        <span class="${properties.kcInputHelperTextItemTextClass!}">
                          <span class="${properties.kcInputRequiredClass!}">*</span> ${msg("requiredFields")}
                        </span>
                    </div>
                </div>
            </#if>
        <#else>
            <#if displayRequiredFields>
                <div class="${properties.kcContentWrapperClass!}">
                    <div class="${properties.kcLabelWrapperClass!} subtitle">
                        <span class="${properties.kcInputHelperTextItemTextClass!}">
                          <span class="${properties.kcInputRequiredClass!}">*</span> ${msg("requiredFields")}
                        </span>
                    </div>
                    <div class="${properties.kcFormClass} ${properties.kcContentWrapperClass}">
                        <#nested "show-username">
                        <@username />
                    </div>
                </div>
            <#else>
                <div class="${properties.kcFormClass} ${properties.kcContentWrapperClass}">
                  <#nested "show-username">
                  <@username />
                </div>
            </#if>
        </#if>

        <#-- App-initiated actions should not see warning messages about the need to complete the action during login. -->
        <#if displayMessage && message?has_content && (message.type != 'warning' || !isAppInitiatedAction??)>
            <div class="${properties.kcAlertClass!} pf-m-${(message.type = 'error')?then('danger', message.type)}" role="alert">
                <span class="${properties.kcAlertTitleClass!} kc-feedback-text">${message.summary}</span>
            </div>
        </#if>

        <#nested "form">

        <#if auth?has_content && auth.showTryAnotherWayLink()>
          <form id="kc-select-try-another-way-form" action="${url.loginAction}" method="post" novalidate="novalidate">
              <input type="hidden" name="tryAnotherWay" value="on"/>
              <button id="try-another-way" type="submit"
                  class="${properties.kcButtonSecondaryClass} ${properties.kcButtonBlockClass} ${properties.kcMarginTopClass}">
                    ${msg("doTryAnotherWay")}
              </button>
          </form>
        </#if>

          <div class="${properties.kcLoginMainFooter!}">
              <#nested "socialProviders">

              <#if displayInfo>
                  <div id="kc-info" class="${properties.kcLoginMainFooterBand!} ${properties.kcFormClass}">
                      <div id="kc-info-wrapper" class="${properties.kcLoginMainFooterBandItem!}">
                          <#nested "info">
                      </div>
                  </div>
              </#if>
          </div>
      </div>

        <div class="${properties.kcLoginMainFooter!}">
            <@loginFooter.content/>
        </div>
    </main>
    <footer class="ibasho-footer">
      <a id="back-to-app" class="ibasho-back" href="${properties.appUrl}">${msg("ibashoBackToApp")}</a>
    </footer>
  </div>
</div>
</body>
</html>
</#macro>
