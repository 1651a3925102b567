from django.shortcuts import render


def my_data(request):
    return render(request, "accounts/my_data.html", {})
