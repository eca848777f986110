"""Survey forms (问卷): the model (``model``), the XLSForm expression language (``expressions``)
and the checks a form passes before use (``checks``), XLSForm in and out (``xlsform``), the
built-in templates, the stored versions (``models``, ``service``) and filling a form
(``filling``). Qt-free; the builder and the filler widget are in ``desktop/ui/visits``."""
