"""allauth adapters: emails go through the background queue; TOTP secrets are encrypted."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from onboarding.crypto import decrypt_text, encrypt_text


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        local = email.rpartition("@")[0]
        # RFC 5321 limits; a longer address could never receive our verification email.
        if len(email) > 254 or len(local) > 64:
            raise forms.ValidationError(
                _("This email address is too long. Enter a valid email address.")
            )
        return email

    def send_mail(self, template_prefix, email, context):
        from onboarding.services.emails import email_enqueue

        message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []) or []:
            if mimetype == "text/html":
                html = content
        email_enqueue(to=email, subject=message.subject, body_text=message.body, body_html=html)

    def get_login_redirect_url(self, request):
        return reverse("dashboard")


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return encrypt_text(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt_text(encrypted_text)
